package com.hostmcp.rest;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** A service in miniature: the failures GenericProblemMapper maps, and one of the service's own with its own mapper. */
@Path("/problems-test")
public class ProblemsTestResource {

    public enum Colour {
        RED,
        GREEN
    }

    public record Paint(@NotBlank String name, @NotNull Colour colour, @Min(1) int coats) {
    }

    /** A failure of the service's own domain. */
    public static class OutOfPaintException extends RuntimeException {
        OutOfPaintException() {
            super("the shop has no paint left", null, false, false);
        }
    }

    @POST
    @Path("/paints")
    @Consumes(MediaType.APPLICATION_JSON)
    public String paint(@NotNull @Valid Paint paint) {
        return paint.name();
    }

    @GET
    @Path("/paints")
    public String paints(@QueryParam("limit") @Min(1) int limit) {
        return "[]";
    }

    @GET
    @Path("/mixes")
    public String mixes(@HeaderParam("X-Coats") int coats) {
        return "[]";
    }

    @GET
    @Path("/paints/{name}")
    public String paint(@PathParam("name") String name) {
        throw new NotFoundException("no paint named " + name);
    }

    @GET
    @Path("/empty-shop")
    public String emptyShop() {
        throw new OutOfPaintException();
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("internal detail: connection to db-7.internal refused");
    }

    /** A failure as the reactive client, JDBC or the network reports a database outage, or a bug. */
    @GET
    @Path("/database/{failure}")
    public String database(@PathParam("failure") String failure) throws Exception {
        throw switch (failure) {
            case "not-accepting" -> new PgException("database \"hostmcp_x\" is not currently accepting connections",
                    "FATAL", "55000", null);
            case "admin-shutdown" -> new IllegalStateException("transaction failed",
                    new PgException("terminating connection due to administrator command", "ERROR", "57P01", null));
            case "connection-lost" -> new RuntimeException(ClosedConnectionException.INSTANCE);
            case "jdbc-connection" -> new SQLException("Connection to 10.0.0.7:5432 refused", "08001");
            case "refused" -> new IllegalStateException(new ConnectException("Connection refused: db-7.internal"));
            case "reset" -> new SocketException("Connection reset");
            case "channel-closed" -> new ClosedChannelException();
            case "unique-violation" -> new PgException("duplicate key value violates unique constraint \"keys_pkey\"",
                    "ERROR", "23505", null);
            case "syntax" -> new SQLException("syntax error at or near \"SELEC\"", "42601");
            default -> new NotFoundException("no such failure");
        };
    }

    /** The service's mapper for its own exception, as tenant-service's for TenantProblem. */
    public static class OutOfPaintMapper {

        @ServerExceptionMapper
        public Response outOfPaint(OutOfPaintException exception) {
            return Problems.response(503, "Service unavailable", exception.getMessage()).header("Retry-After", 30)
                    .build();
        }
    }
}
