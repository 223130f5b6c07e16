package com.hostmcp.standin.stripe;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** The WireMock extension that hands every request to the {@link StripeApi}. */
final class StripeStandInTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "hostmcp-stripe-stand-in";

    private volatile StripeApi api;

    void attach(StripeApi api) {
        this.api = api;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        StripeApi target = api;
        if (target == null) {
            StripeApiError error = new StripeApiError(503, "api_error", null, "The Stripe stand-in is starting", null);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                    .withHeader("Content-Type", "application/json").withBody(StripeModel.write(error.toJson())).build();
        }
        StripeApi.ApiResponse response;
        try {
            response = target.handle(request.getMethod().getName(), request.getUrl(), request::getHeader,
                    request.getBodyAsString());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            StripeApiError error = new StripeApiError(500, "api_error", null,
                    "The Stripe stand-in failed: " + message, null);
            response = StripeApi.ApiResponse.json(500, StripeModel.write(error.toJson()), Map.of());
        }
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(response.status())
                .withHeader("Content-Type", response.contentType())
                .withBody(response.body());
        response.headers().forEach(builder::withHeader);
        return builder.build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
