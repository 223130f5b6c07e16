package com.hostmcp.dashboard.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.hostmcp.dashboard.auth.Caller;
import com.hostmcp.dashboard.client.InternalServiceException;
import com.hostmcp.dashboard.client.SyncClient;
import com.hostmcp.dashboard.messaging.SyncRequestPublisher;

import io.smallrye.mutiny.Uni;

/** "Sync Now": the command to sync-service, and the run that serves it once sync-service has taken it. */
@ApplicationScoped
public class SyncRequests {

    private final OrganizationDirectory directory;
    private final SyncRequestPublisher publisher;
    private final SyncClient sync;

    public SyncRequests(OrganizationDirectory directory, SyncRequestPublisher publisher, @RestClient SyncClient sync) {
        this.directory = directory;
        this.publisher = publisher;
        this.sync = sync;
    }

    /** A queued request; the run is not known yet. */
    public record Queued(UUID requestId, String status) {

        public static Queued of(UUID requestId) {
            return new Queued(requestId, "QUEUED");
        }
    }

    /** Publishes a request for the caller's organization (owners and admins); answers its id. */
    public Uni<UUID> request(Caller caller) {
        return directory.managedOrganization(caller, "sync the listings")
                .flatMap(organizationId -> publisher.publish(organizationId, SyncRequestIds.issue(Instant.now()),
                        caller.subject()))
                .map(event -> event.data().requestId());
    }

    /**
     * The run serving the request, or empty while sync-service has not taken it yet (its 404) and the request may still
     * be on its way (see {@link SyncRequestIds}); an id that cannot be pending is a 404. Request ids are looked up under
     * the caller's organization only, so another organization's request is never shown: "not taken", then unknown.
     */
    public Uni<Optional<JsonNode>> run(Caller caller, UUID requestId) {
        return directory.organizationId(caller).flatMap(id -> sync.runOfRequest(id, requestId)
                .map(Optional::of)
                .onFailure(SyncRequests::notYetTaken).recoverWithUni(() -> {
                    if (SyncRequestIds.mayBePending(requestId, Instant.now())) {
                        return Uni.createFrom().item(Optional.empty());
                    }
                    return Uni.createFrom().failure(DashboardProblem.notFound("no such sync request: none with this"
                            + " id was made for your organization in the last hour"));
                }));
    }

    private static boolean notYetTaken(Throwable failure) {
        return failure instanceof InternalServiceException internal && internal.status() == 404;
    }
}
