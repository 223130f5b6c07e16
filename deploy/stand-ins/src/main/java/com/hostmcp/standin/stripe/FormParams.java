package com.hostmcp.standin.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe-style request parameters: {@code application/x-www-form-urlencoded} pairs whose keys use
 * bracket notation ({@code line_items[0][price]=price_x}, {@code metadata[org_id]=42},
 * {@code expand[]=customer}), decoded into a tree of maps, lists and strings.
 */
final class FormParams {

    private final List<Map.Entry<String, String>> pairs;
    private final Map<String, Object> tree;

    private FormParams(List<Map.Entry<String, String>> pairs) {
        this.pairs = List.copyOf(pairs);
        this.tree = buildTree(this.pairs);
    }

    static FormParams empty() {
        return new FormParams(List.of());
    }

    /** Parses a query string or form body; {@code null} or blank gives no parameters. */
    static FormParams parse(String encoded) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (encoded != null && !encoded.isBlank()) {
            for (String part : encoded.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                pairs.add(Map.entry(decode(key), decode(value)));
            }
        }
        return new FormParams(pairs);
    }

    static FormParams merge(FormParams first, FormParams second) {
        List<Map.Entry<String, String>> all = new ArrayList<>(first.pairs);
        all.addAll(second.pairs);
        return new FormParams(all);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The raw key/value pairs in request order. */
    List<Map.Entry<String, String>> pairs() {
        return pairs;
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** Raw keys to their values, in request order (a repeated key keeps all its values). */
    Map<String, List<String>> flat() {
        Map<String, List<String>> flat = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            flat.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        flat.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** A canonical form of the parameters, equal for equal parameter sets regardless of order. */
    String fingerprint() {
        Map<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            sorted.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
        }
        return sorted.toString();
    }

    Map<String, Object> root() {
        return tree;
    }

    boolean has(String key) {
        return tree.containsKey(key);
    }

    String string(String key) {
        return string(tree, key);
    }

    Long longValue(String key) {
        return longValue(tree, key);
    }

    Boolean bool(String key) {
        return bool(tree, key);
    }

    Map<String, Object> map(String key) {
        return map(tree, key);
    }

    List<Object> list(String key) {
        return list(tree, key);
    }

    /** Values of {@code key[]} / {@code key[0]} / {@code key} as strings, e.g. {@code expand[]}. */
    List<String> strings(String key) {
        return strings(tree, key);
    }

    /**
     * Metadata-like string maps: {@code metadata[k]=v}. An empty {@code metadata=} gives an empty map
     * (meaning "clear"); absent gives {@code null}.
     */
    Map<String, String> stringMap(String key) {
        return stringMap(tree, key);
    }

    static String string(Map<String, Object> node, String key) {
        Object value = node == null ? null : node.get(key);
        return value instanceof String ? (String) value : null;
    }

    static Long longValue(Map<String, Object> node, String key) {
        String value = string(node, key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw StripeApiError.invalidInteger(key, value);
        }
    }

    static Boolean bool(Map<String, Object> node, String key) {
        String value = string(node, key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if ("true".equalsIgnoreCase(value)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(value)) {
            return Boolean.FALSE;
        }
        throw StripeApiError.invalidRequest("Invalid boolean: " + value, key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> node, String key) {
        Object value = node == null ? null : node.get(key);
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    /** A child as a list: a map with numeric keys (or {@code []} appends) sorted by index. */
    static List<Object> list(Map<String, Object> node, String key) {
        Object value = node == null ? null : node.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            List<Object> single = new ArrayList<>();
            if (!((String) value).isEmpty()) {
                single.add(value);
            }
            return single;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> children = (Map<String, Object>) value;
        TreeMap<Integer, Object> byIndex = new TreeMap<>();
        for (Map.Entry<String, Object> child : children.entrySet()) {
            try {
                byIndex.put(Integer.parseInt(child.getKey()), child.getValue());
            } catch (NumberFormatException e) {
                throw StripeApiError.invalidRequest("Invalid array", key);
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    static List<String> strings(Map<String, Object> node, String key) {
        List<Object> values = list(node, key);
        List<String> strings = new ArrayList<>();
        if (values != null) {
            for (Object value : values) {
                if (value instanceof String) {
                    strings.add((String) value);
                }
            }
        }
        return strings;
    }

    static Map<String, String> stringMap(Map<String, Object> node, String key) {
        Object value = node == null ? null : node.get(key);
        if (value == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> children = (Map<String, Object>) value;
            children.forEach((k, v) -> {
                if (v instanceof String) {
                    result.put(k, (String) v);
                }
            });
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> buildTree(List<Map.Entry<String, String>> pairs) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            List<String> segments = segments(pair.getKey());
            Map<String, Object> node = root;
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                if (segment.isEmpty()) {
                    // "key[]" appends: the next free index
                    segment = Integer.toString(node.size());
                }
                boolean last = i == segments.size() - 1;
                if (last) {
                    node.put(segment, pair.getValue());
                } else {
                    Object child = node.get(segment);
                    if (!(child instanceof Map)) {
                        child = new LinkedHashMap<String, Object>();
                        node.put(segment, child);
                    }
                    node = (Map<String, Object>) child;
                }
            }
        }
        return root;
    }

    /** {@code a[b][0][]} gives {@code [a, b, 0, ""]}. */
    static List<String> segments(String key) {
        List<String> segments = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            segments.add(key);
            return segments;
        }
        segments.add(key.substring(0, open));
        int i = open;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                segments.add(key.substring(i + 1));
                break;
            }
            segments.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return segments;
    }
}
