package com.hostmcp.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

/** A machine without a PostgreSQL server still gets a real one: the embedded fallback must work here too. */
class EmbeddedPostgresFallbackTest {

    @Test
    void embeddedServerStartsAndAcceptsConnections() throws Exception {
        PostgresServer server = TestDatabase.startEmbedded();

        assertThat(server.reachable()).isTrue();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password()); ResultSet rs = connection.createStatement().executeQuery("SELECT version()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
        }
    }
}
