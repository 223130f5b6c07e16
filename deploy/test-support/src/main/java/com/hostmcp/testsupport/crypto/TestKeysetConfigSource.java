package com.hostmcp.testsupport.crypto;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every service under test the repository's test-only keyset as {@code hostmcp.crypto.keyset}, so that the
 * services encrypting (tenant-service) and decrypting (gateway, sync-service) Hostaway credentials agree without each
 * module keeping a copy. Its ordinal (275) is above application.properties (250), whose {@code ${TINK_KEYSET:}} would
 * otherwise leave the setting empty, and below environment variables (300), so TINK_KEYSET still wins. It is on the
 * classpath of tests only (test-support is a test-scoped dependency).
 */
public class TestKeysetConfigSource implements ConfigSource {

    static final String PROPERTY = "hostmcp.crypto.keyset";

    private final Map<String, String> properties = Map.of(PROPERTY, TestKeysets.testOnlyKeyset());

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "hostmcp-test-only-keyset";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
