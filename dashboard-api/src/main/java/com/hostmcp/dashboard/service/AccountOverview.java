package com.hostmcp.dashboard.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.client.MemberRole;
import com.hostmcp.dashboard.client.TenantClient;
import com.hostmcp.dashboard.config.DashboardConfig;

import io.smallrye.mutiny.Uni;

/** Who is signed in, their organization and how far onboarding has come ({@code GET /api/me}). */
@ApplicationScoped
public class AccountOverview {

    private final OrganizationDirectory directory;
    private final TenantClient tenant;
    private final DashboardConfig config;

    public AccountOverview(OrganizationDirectory directory, @RestClient TenantClient tenant, DashboardConfig config) {
        this.directory = directory;
        this.tenant = tenant;
        this.config = config;
    }

    public record User(String subject, String email, String name) {
    }

    public record OrganizationView(UUID id, String name, MemberRole role, Instant createdAt) {
    }

    /** The SPA sends the user to onboarding until Hostaway is connected and an API key exists. */
    public record Onboarding(boolean hostawayConnected, int activeApiKeys) {
    }

    public record Me(User user, OrganizationView organization, String gatewayUrl, Onboarding onboarding) {
    }

    public Uni<Me> me(Caller caller) {
        return directory.inTenant(caller, id -> Uni.combine().all()
                .unis(tenant.organization(id, caller.subject()), tenant.hostawayConnection(id, caller.subject()),
                        tenant.apiKeys(id, caller.subject()))
                .with((organization, connection, keys) -> new Me(
                        new User(caller.subject(), caller.email(), caller.name()),
                        new OrganizationView(organization.id(), organization.name(), organization.role(),
                                organization.createdAt()),
                        config.gatewayUrl(),
                        new Onboarding("CONNECTED".equals(connection.path("status").asText()), activeKeys(keys)))));
    }

    private static int activeKeys(JsonNode keys) {
        int active = 0;
        for (JsonNode key : keys) {
            if ("ACTIVE".equals(key.path("status").asText())) {
                active++;
            }
        }
        return active;
    }
}
