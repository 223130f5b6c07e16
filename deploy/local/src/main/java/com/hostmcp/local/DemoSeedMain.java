package com.hostmcp.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import com.hostmcp.local.demo.DemoKeyFile;
import com.hostmcp.local.demo.DemoSeeder;
import com.hostmcp.local.demo.SeedException;
import com.hostmcp.standin.hostaway.HostawaySeedAccounts;

/**
 * deploy/local/up's demo seeding (see {@link DemoSeeder}): the demo organization connected to the Hostaway stand-in's
 * sandbox account {@link HostawaySeedAccounts#MEDIUM_ACCOUNT_ID}, and its API key in the key file.
 *
 * <pre>
 * HOSTMCP_DEMO_PASSWORD=... DemoSeedMain --keycloak-url http://127.0.0.1:8180 [--realm hostmcp]
 *     [--client-id hostmcp-cli] [--user demo@hostmcp.local] --dashboard-url http://127.0.0.1:8081
 *     --gateway-url http://127.0.0.1:8080/mcp --key-file DIR/demo-api-key.env [--patience-seconds 60]
 * </pre>
 *
 * The password comes from the environment, not the command line (which other users can see). Exit codes: 0 seeded, 1
 * seeding failed (the message says why), 2 bad arguments.
 */
public final class DemoSeedMain {

    static final String PASSWORD_VARIABLE = "HOSTMCP_DEMO_PASSWORD";
    static final String USAGE = "Usage: " + PASSWORD_VARIABLE + "=... DemoSeedMain --keycloak-url URL [--realm hostmcp]"
            + " [--client-id hostmcp-cli] [--user demo@hostmcp.local] --dashboard-url URL --gateway-url URL"
            + " --key-file FILE [--patience-seconds 60]";

    private DemoSeedMain() {
    }

    public static void main(String[] args) {
        LauncherArgs options = LauncherArgs.parse(args, USAGE, Set.of("--keycloak-url", "--realm", "--client-id",
                "--user", "--dashboard-url", "--gateway-url", "--key-file", "--patience-seconds"));
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            options.fail(PASSWORD_VARIABLE + " (the demo user's password) is not set");
        }
        DemoSeeder.Settings settings = new DemoSeeder.Settings(url(options, "--keycloak-url"),
                options.get("--realm", "hostmcp"), options.get("--client-id", "hostmcp-cli"),
                options.get("--user", "demo@hostmcp.local"), password, url(options, "--dashboard-url"),
                url(options, "--gateway-url"), new DemoKeyFile(Path.of(required(options, "--key-file"))),
                Long.toString(HostawaySeedAccounts.MEDIUM_ACCOUNT_ID), HostawaySeedAccounts.MEDIUM_SECRET,
                patience(options));
        try {
            new DemoSeeder(settings, System.out::println).seed();
        } catch (SeedException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("ERROR: seeding the demo organization failed: " + e);
            System.exit(1);
        }
    }

    private static Duration patience(LauncherArgs options) {
        String value = options.get("--patience-seconds", "60");
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        options.fail("--patience-seconds must be a number of seconds between 1 and 3600, got " + value);
        return null;
    }

    private static String required(LauncherArgs options, String name) {
        String value = options.getOptional(name);
        if (value == null || value.isBlank()) {
            options.fail(name + " is required");
        }
        return value;
    }

    private static URI url(LauncherArgs options, String name) {
        String value = required(options, name);
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                options.fail(name + " must be an http(s) URL, got " + value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            options.fail(name + " must be an http(s) URL, got " + value);
            return null;
        }
    }
}
