package com.hostmcp.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void givesEveryCallerInTheJvmTheSameThrowawayDatabaseOnARealServer() throws Exception {
        TestDatabase database = TestDatabase.get();
        assertThat(TestDatabase.get()).isSameAs(database);
        assertThat(database.name()).matches("hostmcp_test_[0-9a-f]{12}");

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int primary key)");
            statement.execute("INSERT INTO probe VALUES (1)");
            try (ResultSet rs = statement.executeQuery("SELECT current_database(), count(*) FROM probe")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(database.name());
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
            try (ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(140000);
            }
        }
    }
}
