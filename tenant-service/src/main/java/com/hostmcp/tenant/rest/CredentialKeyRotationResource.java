package com.hostmcp.tenant.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.hostmcp.tenant.crypto.CredentialReEncryption;

import io.smallrye.mutiny.Uni;

/** Operations: the re-encryption step of a credential key rotation (tenant-service/README.md, "Key rotation"). */
@Path("/internal/admin/hostaway-credentials")
@RolesAllowed("tenant-api")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialKeyRotationResource {

    private final CredentialReEncryption reEncryption;

    public CredentialKeyRotationResource(CredentialReEncryption reEncryption) {
        this.reEncryption = reEncryption;
    }

    /** Moves every stored secret to the keyset's primary key; safe to repeat. */
    @POST
    @Path("re-encrypt")
    public Uni<CredentialReEncryption.Result> reEncrypt() {
        return reEncryption.reEncryptAll();
    }
}
