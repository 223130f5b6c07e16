package com.hostmcp.security;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where the Tink keyset that encrypts Hostaway secrets comes from: its JSON itself ({@code TINK_KEYSET}) or a file
 * holding it ({@code TINK_KEYSET_FILE}, e.g. a mounted Kubernetes secret). Exactly one must be set. Every service that
 * encrypts or decrypts Hostaway credentials uses the same keyset.
 */
@ConfigMapping(prefix = "hostmcp.crypto")
public interface CryptoConfig {

    /** The keyset in Tink's JSON format, in clear: it must come from a secret, never from the repository. */
    Optional<String> keyset();

    /** A file holding the keyset JSON. */
    Optional<Path> keysetFile();
}
