package com.hostmcp.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void parsesAUrlWithCredentialsInTheAuthority() {
        PostgresServer server = PostgresServer.parse("postgresql://app:s%40cret@db.internal:6432/hostmcp");
        assertThat(server).isEqualTo(new PostgresServer("db.internal", 6432, "app", "s@cret", "hostmcp"));
        assertThat(server.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db.internal:6432/other");
        assertThat(server.reactiveUrl("other")).isEqualTo("postgresql://db.internal:6432/other");
    }

    @Test
    void parsesAJdbcUrlWithCredentialsInTheQuery() {
        PostgresServer server = PostgresServer.parse("jdbc:postgresql://127.0.0.1/test?user=root&password=pw");
        assertThat(server).isEqualTo(new PostgresServer("127.0.0.1", 5432, "root", "pw", "test"));
    }

    @Test
    void defaultsToThePostgresUserAndDatabase() {
        assertThat(PostgresServer.parse("postgres://localhost:5433"))
                .isEqualTo(new PostgresServer("localhost", 5433, "postgres", "", "postgres"));
    }

    @Test
    void refusesSomethingThatIsNotAPostgresUrl() {
        assertThatThrownBy(() -> PostgresServer.parse("mysql://localhost/db"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(PostgresServer.parse("postgresql://app:topsecret@h:1/d").toString()).doesNotContain("topsecret");
    }
}
