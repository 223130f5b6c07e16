package com.hostmcp.security;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/** One cipher per service, created at startup so that a missing or unusable keyset stops the service at once. */
public class CredentialCipherProducer {

    @Produces
    @Startup
    @Singleton
    CredentialCipher credentialCipher(CryptoConfig config) {
        return new CredentialCipher(config);
    }
}
