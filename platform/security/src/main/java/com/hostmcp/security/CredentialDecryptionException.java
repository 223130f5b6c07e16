package com.hostmcp.security;

import java.util.UUID;

/** A stored ciphertext that no key of the keyset decrypts for its organization. */
public class CredentialDecryptionException extends RuntimeException {

    public CredentialDecryptionException(UUID organizationId) {
        super("The Hostaway credentials of organization " + organizationId + " do not decrypt with the current keyset");
    }
}
