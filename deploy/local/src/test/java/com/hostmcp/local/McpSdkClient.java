package com.hostmcp.local;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The official MCP Java SDK as a user's MCP client would use it: Streamable HTTP to the gateway's public endpoint with
 * the API key in {@code X-API-Key} on every request. Structured tool results are checked against the tool's
 * outputSchema (with our JSON Schema library: the SDK's default one is excluded in the root pom).
 */
final class McpSdkClient {

    private McpSdkClient() {
    }

    /** An initialized client for {@code endpoint} (e.g. {@code http://127.0.0.1:8080/mcp}); close it after use. */
    static McpSyncClient connect(String endpoint, String apiKey) {
        URI uri = URI.create(endpoint);
        String base = uri.getScheme() + "://" + uri.getAuthority();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(uri.getRawPath()).requestBuilder(HttpRequest.newBuilder().header("X-API-Key", apiKey))
                .connectTimeout(Duration.ofSeconds(5)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("hostmcp-local-stack-e2e", "1"))
                .jsonSchemaValidator(new OutputSchemaValidator()).build();
        client.initialize();
        return client;
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
