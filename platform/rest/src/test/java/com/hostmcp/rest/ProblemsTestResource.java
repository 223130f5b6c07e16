package com.hostmcp.rest;

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

    /** The service's mapper for its own exception, as tenant-service's for TenantProblem. */
    public static class OutOfPaintMapper {

        @ServerExceptionMapper
        public Response outOfPaint(OutOfPaintException exception) {
            return Problems.response(503, "Service unavailable", exception.getMessage()).header("Retry-After", 30)
                    .build();
        }
    }
}
