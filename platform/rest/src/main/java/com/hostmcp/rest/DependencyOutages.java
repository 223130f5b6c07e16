package com.hostmcp.rest;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells a failure caused by a dependency that is unreachable for now (the database restarting, failing over, out of
 * connections; a connection refused or reset) from a bug: the first is a 503 the client may retry, the second a 500.
 */
final class DependencyOutages {

    /** Causes followed at most; a cycle or a very deep chain is not an outage. */
    private static final int MAX_DEPTH = 16;

    /** SQLSTATE classes 08 (connection exception) and 53 (insufficient resources, e.g. too many connections). */
    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "53");

    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping or starting. */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03");

    private DependencyOutages() {
    }

    static boolean causedOutage(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (isOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable failure) {
        // the reactive client fails a query with the socket's own exception when the server resets the connection
        // mid-query (e.g. a backend terminated on restart): SocketException covers that, refusals and broken pipes
        if (failure instanceof SocketException || failure instanceof ClosedChannelException
                || failure instanceof ClosedConnectionException
                || failure instanceof SQLTransientConnectionException
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (failure instanceof PgException pg) {
            // FATAL and PANIC end the session: the connection could not be opened or was closed by the server
            // (e.g. 55000 "database is not currently accepting connections")
            return "FATAL".equals(pg.getSeverity()) || "PANIC".equals(pg.getSeverity()) || outageState(pg.getSqlState());
        }
        return failure instanceof SQLException sql && outageState(sql.getSQLState());
    }

    private static boolean outageState(String sqlState) {
        return sqlState != null && sqlState.length() == 5
                && (OUTAGE_CLASSES.contains(sqlState.substring(0, 2)) || OUTAGE_STATES.contains(sqlState));
    }
}
