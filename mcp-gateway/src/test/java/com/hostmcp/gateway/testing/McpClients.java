package com.hostmcp.gateway.testing;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;

/**
 * MCP clients for gateway tests: the official Java MCP SDK (an independent implementation of the protocol) over
 * either transport, sending the API key on every HTTP request. The SDK checks every structured tool result against the
 * tool's outputSchema; it is given a validator built on our JSON Schema library (its own would pull a conflicting one).
 */
public final class McpClients {

    /** The two MCP transports the gateway serves. */
    public enum Transport {
        STREAMABLE_HTTP,
        SSE
    }

    private McpClients() {
    }

    /** An initialized client; close it after use. */
    public static McpSyncClient connect(Transport transport, String apiKey) {
        HttpRequest.Builder requests = HttpRequest.newBuilder().header("X-API-Key", apiKey);
        McpClientTransport clientTransport = transport == Transport.SSE
                ? HttpClientSseClientTransport.builder(baseUrl()).sseEndpoint("/mcp/sse").requestBuilder(requests)
                        .build()
                : HttpClientStreamableHttpTransport.builder(baseUrl()).endpoint("/mcp").requestBuilder(requests)
                        .build();
        McpSyncClient client = McpClient.sync(clientTransport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(20)).jsonSchemaValidator(new OutputSchemaValidator())
                .build();
        client.initialize();
        return client;
    }

    /** The running test application, e.g. {@code http://localhost:41234}. */
    public static String baseUrl() {
        return ConfigProvider.getConfig().getValue("test.url", String.class);
    }

    private static final class OutputSchemaValidator implements JsonSchemaValidator {

        private static final ObjectMapper MAPPER = new ObjectMapper();
        private static final JsonSchemaFactory FACTORY = JsonSchemaFactory
                .getInstance(SpecVersion.VersionFlag.V202012);
        private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true).build();

        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            JsonNode content = MAPPER.valueToTree(structuredContent);
            Set<ValidationMessage> problems = FACTORY.getSchema(MAPPER.valueToTree(schema), CONFIG).validate(content);
            return problems.isEmpty() ? ValidationResponse.asValid(content.toString())
                    : ValidationResponse.asInvalid("structuredContent does not match the outputSchema: " + problems);
        }
    }
}
