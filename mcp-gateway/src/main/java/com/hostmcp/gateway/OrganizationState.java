package com.hostmcp.gateway;

/**
 * The latest known snapshot of a (not deleted) organization. {@code encryptedCredentials} is the Tink ciphertext of the
 * Hostaway secret (base64), null unless connected; {@link #toString()} never shows it.
 */
public record OrganizationState(String name, HostawayStatus hostawayStatus, String accountId,
        String encryptedCredentials, String invalidReason, long version) {

    @Override
    public String toString() {
        return "OrganizationState[name=" + name + ", hostawayStatus=" + hostawayStatus + ", accountId=" + accountId
                + ", encryptedCredentials=" + (encryptedCredentials == null ? "null" : "<redacted>")
                + ", invalidReason=" + invalidReason + ", version=" + version + "]";
    }
}
