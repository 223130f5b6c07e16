package com.hostmcp.testsupport.postgres;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a PostgreSQL server is: host, port and an administrative login able to create databases.
 *
 * @param host host name or address
 * @param port TCP port
 * @param user a role with CREATEDB
 * @param password its password, empty for trust authentication
 * @param database the maintenance database to connect to
 */
public record PostgresServer(String host, int port, String user, String password, String database) {

    /** The server every developer and CI machine runs (trust authentication). */
    public static final PostgresServer LOCAL_DEFAULT = new PostgresServer("127.0.0.1", 5432, "postgres", "", "postgres");

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    public String reactiveUrl(String db) {
        return "postgresql://" + host + ":" + port + "/" + db;
    }

    /** Whether something accepts TCP connections at host:port within a short time. */
    public boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Parses {@code postgresql://user:password@host:port/db} or {@code jdbc:postgresql://host:port/db?user=u&password=p}.
     */
    public static PostgresServer parse(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri = URI.create(plain.replaceFirst("^postgres(ql)?://", "postgresql://"));
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Not a PostgreSQL URL (expected postgresql://user:password@host:port/db)");
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String user = query.getOrDefault("user", "postgres");
        String password = query.getOrDefault("password", "");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password,
                path.isEmpty() ? "postgres" : path);
    }

    @Override
    public String toString() {
        // never print the password
        return "PostgresServer[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
