package com.hostmcp.standin.hostaway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small multipart/form-data parser for the text fields the finance report endpoints take (curl {@code --form}). */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    static Map<String, List<String>> parse(byte[] body, String contentType) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return out;
        }
        String delimiter = "--" + m.group(1);
        // ISO-8859-1 keeps a 1:1 byte mapping; values are re-decoded as UTF-8 below.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split(Pattern.quote(delimiter))) {
            if (part.isBlank() || part.startsWith("--")) {
                continue;
            }
            String p = part.startsWith("\r\n") ? part.substring(2) : part.startsWith("\n") ? part.substring(1) : part;
            int headerEnd = p.indexOf("\r\n\r\n");
            int sepLength = 4;
            if (headerEnd < 0) {
                headerEnd = p.indexOf("\n\n");
                sepLength = 2;
            }
            if (headerEnd < 0) {
                continue;
            }
            String headers = p.substring(0, headerEnd);
            String value = p.substring(headerEnd + sepLength);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            } else if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            String name = null;
            for (String line : headers.split("\r?\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition")) {
                    Matcher nm = NAME.matcher(line);
                    if (nm.find()) {
                        name = nm.group(1);
                    }
                }
            }
            if (name != null) {
                String decoded = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(decoded);
            }
        }
        return out;
    }
}
