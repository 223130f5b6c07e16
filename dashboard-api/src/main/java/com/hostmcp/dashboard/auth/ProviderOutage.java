package com.hostmcp.dashboard.auth;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.hostmcp.rest.Problems;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OIDC provider being down or unreachable is an outage (503 with {@code Retry-After}), not a bug (500) nor a
 * caller without credentials (401). quarkus-oidc fails in the HTTP security layer, so /api's failures reach
 * {@code ProblemMapper} (Quarkus REST authenticates /api itself, proactive authentication being off) and the sign-in
 * paths' failures reach the Vert.x failure handler registered here, which answers browsers with a short page. Both
 * recognise the outage with {@link #causedBy(Throwable)} and log it with {@link #warn}, once per request, without a
 * stack trace; the client never sees the provider's address or an exception.
 * <p>
 * Nothing here remembers the outage: quarkus-oidc discovers a provider it could not reach at start-up again on the next
 * request, and sends token requests afresh, so sign-in works again as soon as the provider is back.
 */
@ApplicationScoped
public class ProviderOutage {

    /** Causes followed at most; a cycle or a very deep chain is not an outage. */
    private static final int MAX_DEPTH = 16;

    /** Browsers reach /login and /logout by navigating, so they get a page rather than a problem document. */
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Sign-in unavailable - HostMCP</title>
            <link rel="stylesheet" href="/css/app.css">
            </head>
            <body>
            <main>
            <h1>Sign-in is temporarily unavailable</h1>
            <p>HostMCP cannot reach its sign-in service right now, so you cannot sign in or out. Please try again in a
            moment.</p>
            <p><a href="/login">Try again</a> or go back to <a href="/">the dashboard</a>.</p>
            </main>
            </body>
            </html>
            """;

    private static final Logger LOG = Logger.getLogger(ProviderOutage.class);

    private final String providerUrl;

    public ProviderOutage(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String providerUrl) {
        this.providerUrl = providerUrl;
    }

    /**
     * Whether an authentication failure means that the provider could not be used, rather than that the credentials are
     * bad. quarkus-oidc raises {@link OIDCException} itself when it cannot use the provider at all (a provider it could
     * not discover at start-up is discovered again on each request, and fails so while it is down); the code exchange
     * and a session's refresh wrap the connection's failure (refused, reset, timed out) in an
     * {@link AuthenticationException}. A provider that answers, even with an error (a used code, an expired refresh
     * token), is no outage: those stay 401. Nor is any other failure with an I/O cause (a browser that went away).
     */
    public static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OIDCException) {
            return true;
        }
        if (!(cause instanceof AuthenticationException)) {
            return false;
        }
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof HttpClosedException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** One line for the operators, who need the provider's address and why it failed (never the client). */
    public void warn(String method, String path, Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && depth < MAX_DEPTH; depth++) {
            root = root.getCause();
        }
        LOG.warnf("Answered 503 to %s %s: the OIDC provider %s is unavailable (%s)", method, path, providerUrl, root);
    }

    void register(@Observes Router router) {
        // first of the failure handlers, before Quarkus REST's (which would answer 401 for a failed code exchange) and
        // the default error page (500)
        router.route().order(Integer.MIN_VALUE).failureHandler(this::signInFailed);
    }

    private void signInFailed(RoutingContext context) {
        String path = context.normalizedPath();
        if (ApiRequestChecker.isApi(path) || context.response().headWritten() || !causedBy(context.failure())) {
            context.next();
            return;
        }
        warn(context.request().method().name(), path, context.failure());
        context.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader("Retry-After", String.valueOf(Problems.OUTAGE_RETRY_AFTER_SECONDS))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(PAGE);
    }
}
