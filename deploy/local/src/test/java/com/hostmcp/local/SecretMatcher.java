package com.hostmcp.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text: any full API key ({@code hmcp_} + 28 base62 characters, whether or not the run created it) and
 * any of a set of known values (compared case-insensitively: e-mail addresses may have been lower-cased on the way).
 * Hits are described by the needle's kind and number, never by its value, so that a failure message leaks nothing.
 */
final class SecretMatcher {

    static final Pattern API_KEY = Pattern.compile("hmcp_[0-9A-Za-z]{28}");
    /** Needles are looked up by their first ANCHOR characters at each position of the text. */
    static final int ANCHOR = 8;

    private record Needle(String kind, int number, String value) {
    }

    private final Map<String, List<Needle>> byAnchor = new HashMap<>();
    private final boolean[] firstChars = new boolean[Character.MAX_VALUE + 1];
    private int size;

    /** @param needles known secret values by kind; each at least {@link #ANCHOR} characters */
    SecretMatcher(Map<String, ? extends Collection<String>> needles) {
        needles.forEach((kind, values) -> {
            int number = 0;
            for (String value : values) {
                if (value.length() < ANCHOR) {
                    throw new IllegalArgumentException("a " + kind + " needle shorter than " + ANCHOR
                            + " characters would match by chance");
                }
                String lower = value.toLowerCase(Locale.ROOT);
                byAnchor.computeIfAbsent(lower.substring(0, ANCHOR), a -> new ArrayList<>())
                        .add(new Needle(kind, ++number, lower));
                firstChars[lower.charAt(0)] = true;
                size++;
            }
        });
    }

    /** How many known values are searched for (the API key pattern aside). */
    int size() {
        return size;
    }

    /** The secrets in {@code text}, as "kind #n" (or "API key"), once per occurrence. */
    List<String> hits(String text) {
        List<String> hits = new ArrayList<>();
        Matcher key = API_KEY.matcher(text);
        while (key.find()) {
            hits.add("API key");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i + ANCHOR <= lower.length(); i++) {
            if (!firstChars[lower.charAt(i)]) {
                continue;
            }
            List<Needle> candidates = byAnchor.get(lower.substring(i, i + ANCHOR));
            if (candidates == null) {
                continue;
            }
            for (Needle needle : candidates) {
                if (lower.startsWith(needle.value(), i)) {
                    hits.add(needle.kind() + " #" + needle.number());
                }
            }
        }
        return hits;
    }
}
