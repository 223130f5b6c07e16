package com.hostmcp.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * Creates a database if it does not exist yet (or, with {@code --mode drop}, drops it and its connections), so that
 * the local stack needs no {@code psql}.
 *
 * <pre>
 * CreateDatabaseMain [--mode create|drop] [--host 127.0.0.1] [--port 5432] [--user postgres] [--password ""]
 *                    --database hostmcp
 * </pre>
 *
 * Exit codes: 0 created (dropped) or already there (gone), 1 cannot connect, create or drop, 2 bad arguments.
 */
public final class CreateDatabaseMain {

    static final String USAGE = "Usage: CreateDatabaseMain [--mode create|drop] [--host 127.0.0.1] [--port 5432]"
            + " [--user postgres] [--password PW] --database NAME";

    private CreateDatabaseMain() {
    }

    public static void main(String[] args) {
        LauncherArgs options = LauncherArgs.parse(args, USAGE,
                Set.of("--mode", "--host", "--port", "--user", "--password", "--database"));
        String mode = options.get("--mode", "create");
        if (!mode.equals("create") && !mode.equals("drop")) {
            options.fail("--mode must be create or drop");
        }
        String host = options.get("--host", "127.0.0.1");
        int port = options.port("--port", 5432);
        String user = options.get("--user", "postgres");
        String password = options.get("--password", "");
        String database = options.getOptional("--database");
        if (database == null || database.isBlank()) {
            options.fail("--database is required");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        String where = user + "@" + host + ":" + port;
        SQLException last = null;
        // "postgres" is the usual maintenance database; template1 always exists
        for (String maintenanceDb : new String[] { "postgres", "template1" }) {
            String url = "jdbc:postgresql://" + host + ":" + port + "/" + maintenanceDb;
            try (Connection connection = DriverManager.getConnection(url, props)) {
                if (mode.equals("drop")) {
                    try (Statement statement = connection.createStatement()) {
                        // FORCE ends the connections a killed service may have left (PostgreSQL 13+)
                        statement.execute("DROP DATABASE IF EXISTS \"" + database.replace("\"", "\"\"")
                                + "\" WITH (FORCE)");
                    }
                    System.out.println("Dropped database " + database + " on " + where);
                } else if (exists(connection, database)) {
                    System.out.println("Database " + database + " already exists on " + where);
                } else {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                    }
                    System.out.println("Created database " + database + " on " + where);
                }
                return;
            } catch (SQLException e) {
                last = e;
                if (!"3D000".equals(e.getSQLState())) { // 3D000 = that maintenance database does not exist
                    break;
                }
            }
        }
        String state = last == null ? "" : last.getSQLState();
        String hint = "";
        if ("28P01".equals(state) || "28000".equals(state)) {
            hint = " (authentication failed: set DB_USER / DB_PASSWORD for this server)";
        } else if ("42501".equals(state)) {
            hint = " (user " + user + " may not create databases: create " + database + " yourself or use another"
                    + " DB_USER)";
        }
        System.err.println("ERROR: cannot " + mode + " database " + database + " on " + where + ": "
                + (last == null ? "unknown error" : last.getMessage()) + hint);
        System.exit(1);
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }
}
