package com.hostmcp.dashboard.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.ext.web.RoutingContext;

/**
 * Every {@code /api} request is a script's request, whether or not it sends {@code X-Requested-With: JavaScript}: with
 * {@code java-script-auto-redirect=false} quarkus-oidc then never answers it with a redirect to the provider's login
 * page (which a fetch() would follow into an HTML page it cannot use). The API's own 401 is the problem document of
 * {@code com.hostmcp.dashboard.rest.ProblemMapper}.
 */
@ApplicationScoped
public class ApiRequestChecker implements JavaScriptRequestChecker {

    public static final String PREFIX = "/api/";

    public static boolean isApi(String path) {
        return path != null && (path.startsWith(PREFIX) || path.equals("/api"));
    }

    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        return isApi(context.normalizedPath()) || "JavaScript".equals(context.request().getHeader("X-Requested-With"));
    }
}
