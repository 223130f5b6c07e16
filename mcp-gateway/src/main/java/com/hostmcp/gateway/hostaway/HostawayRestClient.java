package com.hostmcp.gateway.hostaway;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Hostaway API v1 over HTTP (base URL {@code hostaway.api-url}). Every method answers the raw {@link Response} whatever
 * its status (the default exception mapper is off for this client), so that the caller classifies statuses, reads
 * Hostaway's envelope and records each exchange. Null query and form parameters are not sent.
 */
@RegisterRestClient(configKey = "hostaway")
@Path("/v1")
public interface HostawayRestClient {

    @POST
    @Path("/accessTokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> issueToken(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope);

    @GET
    @Path("/listings")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> listListings(@HeaderParam("Authorization") String authorization, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset, @QueryParam("city") String city,
            @QueryParam("country") String country, @QueryParam("match") String match,
            @QueryParam("propertyTypeId") Integer propertyTypeId,
            @QueryParam("availabilityDateStart") String availabilityDateStart,
            @QueryParam("availabilityDateEnd") String availabilityDateEnd,
            @QueryParam("availabilityGuestNumber") Integer availabilityGuestNumber,
            @QueryParam("sortOrder") String sortOrder);

    @GET
    @Path("/listings/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> getListing(@HeaderParam("Authorization") String authorization, @PathParam("id") long listingId);

    @POST
    @Path("/listings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> createListing(@HeaderParam("Authorization") String authorization, JsonNode listing);

    @PUT
    @Path("/listings/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> updateListing(@HeaderParam("Authorization") String authorization, @PathParam("id") long listingId,
            JsonNode changes);

    @GET
    @Path("/listings/{id}/calendar")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> getCalendar(@HeaderParam("Authorization") String authorization, @PathParam("id") long listingId,
            @QueryParam("startDate") String startDate, @QueryParam("endDate") String endDate);

    @PUT
    @Path("/listings/{id}/calendarIntervals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> updateCalendarIntervals(@HeaderParam("Authorization") String authorization,
            @PathParam("id") long listingId, JsonNode intervals);

    @GET
    @Path("/reservations")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> searchReservations(@HeaderParam("Authorization") String authorization,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
            @QueryParam("afterId") Long afterId, @QueryParam("listingId") Long listingId,
            @QueryParam("arrivalStartDate") String arrivalStartDate,
            @QueryParam("arrivalEndDate") String arrivalEndDate,
            @QueryParam("departureStartDate") String departureStartDate,
            @QueryParam("departureEndDate") String departureEndDate, @QueryParam("match") String match,
            @QueryParam("guestEmail") String guestEmail, @QueryParam("sortOrder") String sortOrder);

    @GET
    @Path("/reservations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> getReservation(@HeaderParam("Authorization") String authorization,
            @PathParam("id") long reservationId);

    @GET
    @Path("/conversations")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> listConversations(@HeaderParam("Authorization") String authorization,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
            @QueryParam("reservationId") Long reservationId);

    @GET
    @Path("/conversations/{id}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> listMessages(@HeaderParam("Authorization") String authorization,
            @PathParam("id") long conversationId, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset);

    @POST
    @Path("/conversations/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> sendMessage(@HeaderParam("Authorization") String authorization,
            @PathParam("id") long conversationId, JsonNode message);

    /** {@code type}: standard, consolidated, calculated or listingFinancials. */
    @POST
    @Path("/finance/report/{type}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({ "text/csv", MediaType.APPLICATION_JSON })
    Uni<Response> financeReport(@HeaderParam("Authorization") String authorization, @PathParam("type") String type,
            @FormParam("format") String format, @FormParam("fromDate") String fromDate,
            @FormParam("toDate") String toDate, @FormParam("dateType") String dateType,
            @FormParam("listingMapIds[]") List<String> listingMapIds,
            @FormParam("channelIds[]") List<String> channelIds, @FormParam("statuses[]") List<String> statuses);
}
