package com.hostmcp.tenant.service;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.security.ApiKeyFormat;
import com.hostmcp.tenant.MemberRole;
import com.hostmcp.tenant.apikey.ApiKey;
import com.hostmcp.tenant.apikey.KeyUsage;
import com.hostmcp.tenant.messaging.Actor;
import com.hostmcp.tenant.messaging.TenantEventData.ApiKeyCreated;
import com.hostmcp.tenant.messaging.TenantEventData.ApiKeyIssued;
import com.hostmcp.tenant.messaging.TenantEventData.ApiKeyRevoked;
import com.hostmcp.tenant.messaging.TenantEventData.RevokeReason;
import com.hostmcp.tenant.messaging.TenantEvents;
import com.hostmcp.tenant.repository.ApiKeyRepository;
import com.hostmcp.tenant.repository.TenantTransactions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * API keys of an organization. Members see the list; admins and owners create, revoke and regenerate. The full key
 * exists only in the value returned by {@link #create} and {@link #regenerate}: the database, the events and the logs
 * only ever see its hash and display hint.
 */
@ApplicationScoped
public class ApiKeyService {

    private final TenantTransactions transactions;
    private final OrganizationAccess access;
    private final ApiKeyRepository keys;
    private final TenantEvents events;
    private final Counter lastUsedWrites;

    public ApiKeyService(TenantTransactions transactions, OrganizationAccess access, ApiKeyRepository keys,
            TenantEvents events, MeterRegistry metrics) {
        this.transactions = transactions;
        this.access = access;
        this.keys = keys;
        this.events = events;
        this.lastUsedWrites = Counter.builder("api_keys.last_used.writes")
                .description("Keys whose last_used_at was written from usage records")
                .register(metrics);
    }

    /** A key just issued: {@code key} is the full secret, to be shown to the user once. */
    public record IssuedKey(ApiKey apiKey, String key) {

        @Override
        public String toString() {
            // the secret must not reach a log line through a careless toString
            return "IssuedKey[" + apiKey.id() + ", " + apiKey.displayHint() + "]";
        }
    }

    public Uni<List<ApiKey>> list(UUID organizationId, String actingUser) {
        return transactions.inOrganization(organizationId,
                tx -> access.require(tx, organizationId, actingUser, MemberRole.MEMBER)
                        .flatMap(member -> keys.list(tx, organizationId)));
    }

    /** Issues a key; refused with a conflict when the organization already has five active keys. */
    public Uni<IssuedKey> create(UUID organizationId, String actingUser, String name) {
        return transactions.inOrganization(organizationId,
                tx -> access.require(tx, organizationId, actingUser, MemberRole.ADMIN)
                        .flatMap(member -> issue(tx, organizationId, normalize(name), Actor.user(actingUser))));
    }

    /**
     * Revokes a key at once: its hash gets a tombstone on the key topic in the same transaction. Revoking a key that is
     * already revoked changes nothing.
     */
    public Uni<Void> revoke(UUID organizationId, String actingUser, UUID keyId) {
        return transactions.inOrganization(organizationId,
                tx -> access.require(tx, organizationId, actingUser, MemberRole.ADMIN)
                        .flatMap(member -> keys.revoke(tx, organizationId, keyId, RevokeReason.REVOKED))
                        .flatMap(revoked -> revoked.isPresent()
                                ? publishRevocation(tx, revoked.get(), RevokeReason.REVOKED, Actor.user(actingUser))
                                : requireExisting(tx, organizationId, keyId).replaceWithVoid()));
    }

    /** Revokes a key and issues its replacement (same name) in one transaction: both happen or neither. */
    public Uni<IssuedKey> regenerate(UUID organizationId, String actingUser, UUID keyId) {
        Actor actor = Actor.user(actingUser);
        return transactions.inOrganization(organizationId,
                tx -> access.require(tx, organizationId, actingUser, MemberRole.ADMIN)
                        .flatMap(member -> keys.revoke(tx, organizationId, keyId, RevokeReason.REGENERATED))
                        .flatMap(revoked -> {
                            if (revoked.isEmpty()) {
                                return requireExisting(tx, organizationId, keyId)
                                        .chain(existing -> Uni.createFrom().<IssuedKey> failure(TenantProblem
                                                .conflict("this API key is revoked; create a new one instead")));
                            }
                            ApiKey old = revoked.get();
                            return publishRevocation(tx, old, RevokeReason.REGENERATED, actor)
                                    .chain(() -> issue(tx, organizationId, old.name(), actor));
                        }));
    }

    /** Approximate last use from the gateway's usage records; see {@link ApiKeyRepository#touchLastUsed}. */
    public Uni<Integer> recordUsage(Collection<KeyUsage> usages) {
        if (usages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return transactions.asService(tx -> keys.touchLastUsed(tx, usages))
                .invoke(written -> lastUsedWrites.increment(written));
    }

    private Uni<IssuedKey> issue(SqlConnection tx, UUID organizationId, String name, Actor actor) {
        String key = ApiKeyFormat.generate();
        return keys.insertIntoFreeSlot(tx, organizationId, name, ApiKeyFormat.sha256Hex(key),
                ApiKeyFormat.displayHint(key))
                .call(created -> events.apiKeyIssued(tx, new ApiKeyIssued(organizationId, created.id(),
                        created.keyHash(), created.displayHint(), created.name(), created.createdAt())))
                .call(created -> events.domainEvent(tx, organizationId, ApiKeyCreated.TYPE,
                        new ApiKeyCreated(organizationId, created.id(), created.name(), created.displayHint(), actor)))
                .map(created -> new IssuedKey(created, key));
    }

    private Uni<Void> publishRevocation(SqlConnection tx, ApiKey revoked, RevokeReason reason, Actor actor) {
        return events.apiKeyRevoked(tx, revoked.keyHash())
                .chain(() -> events.domainEvent(tx, revoked.organizationId(), ApiKeyRevoked.TYPE,
                        new ApiKeyRevoked(revoked.organizationId(), revoked.id(), reason, actor)));
    }

    private Uni<ApiKey> requireExisting(SqlConnection tx, UUID organizationId, UUID keyId) {
        return keys.find(tx, organizationId, keyId)
                .map(found -> found.orElseThrow(() -> TenantProblem.notFound("API key not found")));
    }

    /** A blank name means no name. */
    private static String normalize(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
