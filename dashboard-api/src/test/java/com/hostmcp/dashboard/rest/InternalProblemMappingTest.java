package com.hostmcp.dashboard.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.hostmcp.dashboard.auth.ProviderOutage;
import com.hostmcp.dashboard.client.InternalServiceException;
import com.hostmcp.rest.Problems;

/**
 * Internal services' errors become the dashboard's own problems: 4xx keep status, detail and field errors; outages are
 * 503 with Retry-After; a refused service token is an operator's problem, never the user's. Nothing of the internal
 * answer beyond that reaches the caller.
 */
class InternalProblemMappingTest {

    private final ProblemMapper mapper = new ProblemMapper(new ProviderOutage("https://provider.example.com/realms/x"));

    private static Problems.Problem problem(Response response) {
        return (Problems.Problem) response.getEntity();
    }

    @Test
    void aConflictKeepsItsStatusAndDetail() {
        InternalServiceException conflict = InternalServiceException.of("tenant-service", 409,
                "{\"status\":409,\"detail\":\"an organization has at most five active API keys\","
                        + "\"instance\":\"http://tenant-service:8082/internal/organizations/x/api-keys\"}",
                null);

        Response response = mapper.internal(conflict);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(problem(response).title()).isEqualTo("Conflict");
        assertThat(problem(response).detail()).isEqualTo("an organization has at most five active API keys");
        assertThat(response.getEntity().toString()).doesNotContain("tenant-service:8082");
    }

    @Test
    void hostawayBeingUnreachableIsA503WithTheServicesRetryAfter() {
        Response response = mapper.internal(InternalServiceException.of("tenant-service", 503,
                "{\"status\":503,\"detail\":\"Hostaway is not reachable; nothing was stored\"}", "12"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("12");
        assertThat(problem(response).detail()).isEqualTo("Hostaway is not reachable; nothing was stored");
    }

    @Test
    void anInternalServerErrorBecomesA503WithoutItsBody() {
        Response response = mapper.internal(InternalServiceException.of("audit-service", 500,
                "{\"status\":500,\"detail\":\"something went wrong on our side\"}", null));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void aRefusedServiceTokenIsNotShownAsTheUsersFault() {
        Response unauthorized = mapper.internal(InternalServiceException.of("billing-service", 401, "", null));
        Response forbidden = mapper.internal(InternalServiceException.of("billing-service", 403, null, null));

        assertThat(unauthorized.getStatus()).isEqualTo(503);
        assertThat(forbidden.getStatus()).isEqualTo(503);
    }

    @Test
    void tenantServicesRoleRefusalIsPassedOnAs403() {
        Response response = mapper.internal(InternalServiceException.of("tenant-service", 403,
                "{\"status\":403,\"detail\":\"only owners and admins can create API keys\"}", null));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(problem(response).detail()).isEqualTo("only owners and admins can create API keys");
    }
}
