package com.hostmcp.dashboard.service;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.client.InternalServiceException;
import com.hostmcp.dashboard.client.TenantClient;
import com.hostmcp.dashboard.client.TenantClient.Organization;
import com.hostmcp.dashboard.client.TenantClient.Registration;
import com.hostmcp.dashboard.client.TenantClient.RegistrationRequest;
import com.hostmcp.dashboard.config.DashboardConfig;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;

/**
 * The caller's organization. tenant-service creates it at the first sign-in (or finds it, also through a pending
 * invitation); its id is cached by OIDC subject for a short while so that not every request asks again. tenant-service
 * remains the authority on membership and roles: a 404 from it (the caller left or was removed) drops the cached id,
 * and every change of billing or sync first asks it for the caller's current role.
 */
@ApplicationScoped
public class OrganizationDirectory {

    static final int MAX_NAME = 100;

    private final TenantClient tenant;
    private final Cache organizations;
    private final DashboardConfig config;

    public OrganizationDirectory(@RestClient TenantClient tenant, @CacheName("organizations") Cache organizations,
            DashboardConfig config) {
        this.tenant = tenant;
        this.organizations = organizations;
        this.config = config;
    }

    /** The id of the caller's organization, created at their first sign-in. */
    public Uni<UUID> organizationId(Caller caller) {
        return organizations.getAsync(caller.subject(), subject -> register(caller));
    }

    /** Runs a tenant-service call for the caller's organization; a 404 forgets the cached id before it is passed on. */
    public <T> Uni<T> inTenant(Caller caller, Function<UUID, Uni<T>> call) {
        return organizationId(caller).<T> flatMap(call::apply)
                .onFailure(OrganizationDirectory::isNotFound).call(() -> organizations.invalidate(caller.subject()));
    }

    /** The organization as the caller sees it now, with their current role. */
    public Uni<Organization> organization(Caller caller) {
        return inTenant(caller, id -> tenant.organization(id, caller.subject()));
    }

    /** The caller's organization id, once tenant-service confirms they are an owner or admin now; else 403. */
    public Uni<UUID> managedOrganization(Caller caller, String action) {
        return organization(caller).map(organization -> {
            if (organization.role() == null || !organization.role().canManage()) {
                throw DashboardProblem.forbidden("only owners and admins can " + action);
            }
            return organization.id();
        });
    }

    private Uni<UUID> register(Caller caller) {
        if (caller.email() == null || caller.email().isBlank()) {
            return Uni.createFrom().failure(DashboardProblem.forbidden(
                    "your account has no e-mail address: add one at the sign-in provider, then sign in again"));
        }
        if (config.requireVerifiedEmail() && !caller.emailVerified()) {
            return Uni.createFrom().failure(DashboardProblem.forbidden(
                    "your e-mail address is not verified yet: verify it at the sign-in provider, then sign in again"));
        }
        return tenant.register(new RegistrationRequest(caller.subject(), caller.email(), organizationName(caller)))
                .map(Registration::organizationId);
    }

    /** "Ada Lovelace's organization", or after the e-mail's local part; the owner can rename it. */
    static String organizationName(Caller caller) {
        String owner = caller.name() != null && !caller.name().isBlank() ? caller.name().strip()
                : caller.email().substring(0, Math.max(1, caller.email().indexOf('@')));
        String name = owner + "'s organization";
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof InternalServiceException internal && internal.status() == 404;
    }
}
