package com.hostmcp.billing.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.billing.config.BillingConfig;
import com.hostmcp.billing.service.BillingProblem.InvalidField;

/**
 * The URLs Stripe sends a customer back to must be absolute http(s) URLs on one of the configured origins (the
 * dashboard's), so that nobody can use our Checkout or Portal sessions to redirect people elsewhere.
 */
@ApplicationScoped
public class RedirectUrls {

    private static final String CHECKOUT_SESSION_ID = "{CHECKOUT_SESSION_ID}";

    private final Set<String> allowedOrigins;

    public RedirectUrls(BillingConfig config) {
        this.allowedOrigins = config.checkout().allowedRedirectOrigins().stream()
                .map(origin -> origin(origin).orElseThrow(() -> new IllegalArgumentException(
                        "billing.checkout.allowed-redirect-origins: not an http(s) origin: " + origin)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Checks each named URL; throws one problem naming every invalid field. */
    public void check(String... fieldsAndUrls) {
        List<InvalidField> invalid = new java.util.ArrayList<>();
        for (int i = 0; i < fieldsAndUrls.length; i += 2) {
            String field = fieldsAndUrls[i];
            String url = fieldsAndUrls[i + 1];
            if (!origin(url).filter(allowedOrigins::contains).isPresent()) {
                invalid.add(new InvalidField(field, "must be an absolute http(s) URL on an allowed origin"));
            }
        }
        if (!invalid.isEmpty()) {
            throw BillingProblem.invalidFields(invalid);
        }
    }

    /** scheme://host[:port] of an absolute http(s) URL without user info, lowercased; empty for anything else. */
    static Optional<String> origin(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            // Stripe fills in this template of success URLs; braces are not legal in a URI, so check it filled
            URI uri = new URI(url.strip().replace(CHECKOUT_SESSION_ID, "cs"));
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null || uri.getUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (port == -1 || port == defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
