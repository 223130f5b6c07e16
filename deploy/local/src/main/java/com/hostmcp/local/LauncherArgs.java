package com.hostmcp.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tiny {@code --name value} parser shared by the launchers. Unknown options, missing values and non-numeric ports
 * end the process with exit code 2 and a one-line message.
 */
final class LauncherArgs {

    private final String usage;
    private final Map<String, String> values = new LinkedHashMap<>();

    private LauncherArgs(String usage) {
        this.usage = usage;
    }

    /** Parses {@code args}; prints {@code usage} and exits 0 on {@code --help}. */
    static LauncherArgs parse(String[] args, String usage, Set<String> known) {
        LauncherArgs parsed = new LauncherArgs(usage);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                parsed.fail(arg + " needs a value");
                return parsed;
            }
            if (!known.contains(name)) {
                parsed.fail("Unknown option: " + name);
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    String getOptional(String name) {
        return values.get(name);
    }

    int port(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                fail(name + " must be between 1 and 65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            fail(name + " needs a port number, got " + value);
            return defaultValue;
        }
    }

    void fail(String message) {
        System.err.println("ERROR: " + message);
        System.err.println(usage);
        System.exit(2);
    }
}
