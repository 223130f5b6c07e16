package com.hostmcp.standin.hostaway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parts of an HTTP request the stand-in looks at, independent of WireMock. */
final class ApiRequest {

    final String method;
    /** The request target as received (path and query, still encoded). */
    final String rawUrl;
    final String path;
    final Map<String, List<String>> query;
    final Map<String, String> headers;
    final byte[] body;
    final String clientIp;

    ApiRequest(String method, String url, Map<String, String> headers, byte[] body, String clientIp) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawUrl = url;
        int q = url.indexOf('?');
        String rawPath = q < 0 ? url : url.substring(0, q);
        this.path = normalizePath(decode(rawPath));
        this.query = q < 0 ? Map.of() : parseForm(url.substring(q + 1));
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = lower;
        this.body = body == null ? new byte[0] : body;
        this.clientIp = clientIp == null ? "unknown" : clientIp;
    }

    private static String normalizePath(String path) {
        String p = path.replaceAll("/{2,}", "/");
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String contentType() {
        String ct = header("content-type");
        return ct == null ? "" : ct;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a query parameter, or null. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The form fields of an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body (keys in order,
     * repeated keys collected).
     */
    Map<String, List<String>> formFields() {
        String ct = contentType().toLowerCase(Locale.ROOT);
        if (ct.startsWith("multipart/")) {
            return Multipart.parse(body, contentType());
        }
        return parseForm(bodyText());
    }

    static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.trim().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
