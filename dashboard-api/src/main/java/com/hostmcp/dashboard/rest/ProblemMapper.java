package com.hostmcp.dashboard.rest;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.hostmcp.dashboard.auth.ApiRequestChecker;
import com.hostmcp.dashboard.auth.ProviderOutage;
import com.hostmcp.dashboard.client.InternalServiceException;
import com.hostmcp.dashboard.service.DashboardProblem;
import com.hostmcp.dashboard.service.DependencyUnavailableException;
import com.hostmcp.rest.Problems;
import com.hostmcp.rest.Problems.FieldError;

import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;

/**
 * The dashboard API's own failures as RFC 9457 problem details (the shared ones come from {@code platform-rest}).
 * Internal services' 4xx answers become ours with the same status, detail and field errors; their outages become 503
 * with {@code Retry-After}. Nothing names an internal service's address.
 */
public class ProblemMapper {

    /** Seconds a client should wait after a 503 when the failing service did not say. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** quarkus-oidc's session cookie of the default tenant, and the prefix of its chunks ({@code q_session_chunk_1}). */
    private static final String SESSION_COOKIE = "q_session";

    /** quarkus.oidc.authentication.redirect-path: where sign-in starts and ends. */
    private static final String SIGN_IN_PATH = "/login";

    private static final Map<Integer, String> TITLES = Map.of(400, Problems.BAD_REQUEST, 401, "Unauthorized", 403,
            "Forbidden", 404, "Not found", 409, "Conflict", 422, "Unprocessable request", 429, "Too many requests",
            502, "Bad gateway", 503, "Service unavailable", 504, "Gateway timeout");

    private final ProviderOutage providerOutage;

    public ProblemMapper(ProviderOutage providerOutage) {
        this.providerOutage = providerOutage;
    }

    /**
     * Not signed in, or a session or token that no longer holds: never a redirect to the sign-in page for /api (the SPA
     * shows its signed-out screen). Authentication runs on demand (proactive authentication is off), so these reach
     * this mapper instead of the code flow's challenge. A session whose refresh could not reach the OIDC provider still
     * holds: 503, so that the SPA keeps it and retries instead of signing the user out.
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(Exception failure, UriInfo uri, Request request, HttpHeaders headers) {
        if (ProviderOutage.causedBy(failure)) {
            return outage(failure, uri, request);
        }
        List<String> sessionCookies = headers.getCookies().keySet().stream()
                .filter(name -> name.startsWith(SESSION_COOKIE)).sorted().toList();
        if (!ApiRequestChecker.isApi(uri.getRequestUri().getPath()) && !sessionCookies.isEmpty()) {
            // /login with a session that no longer holds (the provider ended it, or the cookie cannot be read): without
            // the cookie /login starts a new sign-in; a 401 would leave the browser nowhere to go until it expires.
            // Only with a session cookie, which this removes, so that it never loops.
            Response.ResponseBuilder again = Response.seeOther(URI.create(SIGN_IN_PATH))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            for (String name : sessionCookies) {
                again.header(HttpHeaders.SET_COOKIE, name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            }
            return again.build();
        }
        return notSignedIn();
    }

    /**
     * quarkus-oidc cannot use the OIDC provider (down since start-up, or unreachable): an outage to retry, answered
     * with the same words as the database outages of platform-rest. A request without any credentials never asks the
     * provider and stays 401.
     */
    @ServerExceptionMapper
    public Response providerUnavailable(OIDCException failure, UriInfo uri, Request request) {
        return outage(failure, uri, request);
    }

    /**
     * The code flow's own redirects (to the provider, back to /login without the code, to the provider's logout) are
     * followed by browsers on /login and /logout; an /api request gets the 401 instead.
     */
    @ServerExceptionMapper
    public Response redirect(AuthenticationRedirectException redirect, UriInfo uri) {
        if (ApiRequestChecker.isApi(uri.getRequestUri().getPath())) {
            return notSignedIn();
        }
        return Response.status(redirect.getCode()).location(URI.create(redirect.getRedirectUri()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return Problems.response(403, TITLES.get(403), "you may not do this").build();
    }

    @ServerExceptionMapper
    public Response refused(DashboardProblem problem) {
        return Problems.response(problem.status(), problem.title(), problem.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException exception) {
        return Problems.invalidFields(List.of(new FieldError(exception.field(), exception.getMessage()))).build();
    }

    /** A field the request body does not have (request bodies are strict, see StrictJson): named, not "wrong type". */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException exception) {
        return Problems.invalidFields(List.of(new FieldError(exception.getPropertyName(), "is not a known field")))
                .build();
    }

    @ServerExceptionMapper
    public Response internal(InternalServiceException failure) {
        int status = failure.status();
        if (status == 401 || status == 403 && !failure.problemDocument()) {
            LOG.errorf("%s refused dashboard-api's service token (HTTP %d): check OIDC_SERVICE_CLIENT_ID, "
                    + "OIDC_SERVICE_CLIENT_SECRET and the client's roles", failure.service(), status);
            return unavailable("a platform service refused the dashboard; the operators have to fix it", "60");
        }
        if (status >= 400 && status < 500) {
            Response.ResponseBuilder response = Problems.response(status, title(status),
                    failure.detail() != null ? failure.detail() : title(status), failure.errors());
            if (failure.retryAfter() != null) {
                response.header("Retry-After", failure.retryAfter());
            }
            return response.build();
        }
        if (status == 502 || status == 503 || status == 504) {
            // our services say what failed in words meant for users (e.g. "Hostaway is not reachable")
            Response.ResponseBuilder response = Problems.response(status, title(status),
                    failure.detail() != null ? failure.detail() : "a platform service is unavailable; retry shortly");
            if (status == 503) {
                response.header("Retry-After", failure.retryAfter() != null ? failure.retryAfter() : RETRY_AFTER_SECONDS);
            }
            return response.build();
        }
        LOG.warnf("%s failed with HTTP %d", failure.service(), status);
        return unavailable("a platform service failed; retry in a few seconds", RETRY_AFTER_SECONDS);
    }

    /**
     * An internal service or the token endpoint not reachable (connection refused or reset: {@link IOException}s and
     * Vert.x's {@link HttpClosedException}), too slow ({@link TimeoutException} of {@code @Timeout}), or failing in the
     * client ({@link ProcessingException}).
     */
    @ServerExceptionMapper({ IOException.class, HttpClosedException.class, ProcessingException.class,
            TimeoutException.class, OidcClientException.class })
    public Response unreachable(Exception failure) {
        LOG.warnf("A dependency is unavailable: %s", failure.toString());
        return unavailable("a platform service is unavailable; retry in a few seconds", RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper
    public Response notQueued(DependencyUnavailableException failure) {
        LOG.warnf("A dependency is unavailable: %s", String.valueOf(failure.getCause()));
        return unavailable(failure.getMessage(), RETRY_AFTER_SECONDS);
    }

    private static Response notSignedIn() {
        return Problems.response(401, TITLES.get(401),
                "sign in first: this request has no valid session or bearer token")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private Response outage(Exception failure, UriInfo uri, Request request) {
        providerOutage.warn(request.getMethod(), uri.getRequestUri().getPath(), failure);
        return Problems.temporarilyUnavailable().build();
    }

    private static Response unavailable(String detail, String retryAfter) {
        return Problems.response(503, TITLES.get(503), detail).header("Retry-After", retryAfter).build();
    }

    private static String title(int status) {
        return TITLES.getOrDefault(status, "Error");
    }
}
