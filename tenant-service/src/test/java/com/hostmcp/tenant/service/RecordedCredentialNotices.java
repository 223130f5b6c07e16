package com.hostmcp.tenant.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Test observer: the {@link CredentialsInvalidatedNotice}s the application fired. */
@Singleton
public class RecordedCredentialNotices {

    private final List<CredentialsInvalidatedNotice> notices = new CopyOnWriteArrayList<>();

    void on(@Observes CredentialsInvalidatedNotice notice) {
        notices.add(notice);
    }

    public List<CredentialsInvalidatedNotice> of(UUID organizationId) {
        return notices.stream().filter(n -> n.organizationId().equals(organizationId)).toList();
    }
}
