package com.hostmcp.sync.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Names this replica in claims and leases (host name plus a random suffix, so that a restart is a new claimer). */
@ApplicationScoped
public class SyncInstance {

    private final String id;

    public SyncInstance(@ConfigProperty(name = "HOSTNAME", defaultValue = "sync-service") String hostname) {
        this.id = hostname + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }
}
