package com.hostmcp.gateway.hostaway;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hostmcp.gateway.OrganizationState;
import com.hostmcp.gateway.hostaway.HostawayRequestExecutor.AccountState;
import com.hostmcp.gateway.hostaway.HostawayRequestExecutor.BoundAccount;

/** Keeps one token cache and circuit breaker per Hostaway account for the life of the gateway. */
@ApplicationScoped
public class HostawayAccountRegistry implements HostawayAccounts {

    private final HostawayRestClient client;
    private final HostawayRequestExecutor executor;
    private final ObjectMapper mapper;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();

    HostawayAccountRegistry(@RestClient HostawayRestClient client, HostawayRequestExecutor executor,
            ObjectMapper mapper) {
        this.client = client;
        this.executor = executor;
        this.mapper = mapper;
    }

    @Override
    public HostawayOperations forOrganization(UUID organizationId, OrganizationState organization,
            HostawayCallStats stats) {
        if (organization.accountId() == null || organization.encryptedCredentials() == null) {
            throw new IllegalArgumentException("Organization " + organizationId + " has no Hostaway credentials");
        }
        AccountState state = accounts.computeIfAbsent(organization.accountId(), id -> executor.newAccountState());
        BoundAccount account = new BoundAccount(organizationId, organization.accountId(),
                organization.encryptedCredentials(), state, stats);
        return new AccountOperations(account, client, executor, mapper);
    }
}
