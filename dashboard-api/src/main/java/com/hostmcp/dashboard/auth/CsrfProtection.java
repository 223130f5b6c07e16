package com.hostmcp.dashboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.hostmcp.rest.Problems;

/**
 * Double-submit CSRF protection of the cookie session: every /api response to a request without a bearer token carries
 * the cookie {@value #COOKIE} (random, readable by the SPA, SameSite=Strict), and a changing request (POST, PUT, PATCH,
 * DELETE) must repeat its value in the header {@value #HEADER}; a page of another site can make the browser send the
 * cookie but cannot read it. Requests with {@code Authorization: Bearer} are exempt: a browser never adds that header
 * by itself, so they cannot be forged this way. Our own filter rather than quarkus-rest-csrf, whose token check cannot
 * exempt bearer requests and expects form posts. Runs before matching, so a forged request never reaches
 * authentication or a resource.
 */
public class CsrfProtection {

    public static final String COOKIE = "hostmcp-csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String PROBLEM_TYPE = "https://hostmcp.com/problems/csrf";

    private static final String SESSION_COOKIE = "q_session";
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ServerRequestFilter(preMatching = true)
    public Response checkToken(ContainerRequestContext request) {
        if (!ApiRequestChecker.isApi(request.getUriInfo().getRequestUri().getPath()) || isBearer(request)
                || !CHANGING.contains(request.getMethod()) || !hasSession(request)) {
            // without a session cookie nothing can be forged with it: authentication answers 401
            return null;
        }
        String cookie = cookieToken(request);
        String header = request.getHeaderString(HEADER);
        if (cookie == null || header == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII))) {
            return Response.status(403).type(Problems.PROBLEM_JSON)
                    .entity(new Problems.Problem(PROBLEM_TYPE, "Forbidden", 403,
                            "missing or wrong " + HEADER + " header: send the value of the " + COOKIE + " cookie",
                            null))
                    .build();
        }
        return null;
    }

    @ServerResponseFilter
    public void issueToken(ContainerRequestContext request, ContainerResponseContext response) {
        if (!ApiRequestChecker.isApi(request.getUriInfo().getRequestUri().getPath()) || isBearer(request)) {
            return;
        }
        String token = cookieToken(request);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        boolean https = "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
        response.getHeaders().add(HttpHeaders.SET_COOKIE,
                COOKIE + "=" + token + "; Path=/; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    private static boolean isBearer(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** quarkus-oidc's session cookie, {@value #SESSION_COOKIE}, whole or split into chunks. */
    private static boolean hasSession(ContainerRequestContext request) {
        return request.getCookies().keySet().stream().anyMatch(name -> name.startsWith(SESSION_COOKIE));
    }

    /** The cookie's token when it is one we could have issued. */
    private static String cookieToken(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        return cookie != null && TOKEN.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
    }
}
