package com.hostmcp.standin.hostaway;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** The WireMock extension: every request matched by the catch-all stub is answered by {@link HostawayApi}. */
final class HostawayResponseTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "hostaway-stand-in";

    private final HostawayApi api;

    HostawayResponseTransformer(HostawayApi api) {
        this.api = api;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.firstValue());
        }
        ApiResponse response = api.handle(new ApiRequest(request.getMethod().getName(), request.getUrl(), headers,
                request.getBody(), request.getClientIp()));
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition().withStatus(response.status)
                .withHeader("Content-Type", response.contentType).withBody(response.body);
        response.headers.forEach(builder::withHeader);
        if (response.delayMillis > 0) {
            builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, response.delayMillis));
        }
        return builder.build();
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
