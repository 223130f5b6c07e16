package com.hostmcp.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** What no answer to a client may contain: stack traces, Java class or package names, exception names. */
public final class Bodies {

    private static final Pattern INTERNALS = Pattern.compile("(?i)exception|\\tat |\\.java:\\d|\\b(java|javax|jakarta"
            + "|sun)\\.[a-z]|\\bio\\.(quarkus|quarkiverse|vertx|smallrye|netty|micrometer)\\b|\\bcom\\.(hostmcp|fasterxml"
            + "|networknt)\\b|\\borg\\.(jboss|apache|eclipse)\\b|stack ?trace");

    private Bodies() {
    }

    public static void assertNoInternals(String context, String body) {
        assertThat(INTERNALS.matcher(body).find()).as("%s leaks internals: %s", context, body).isFalse();
    }
}
