package com.hostmcp.gateway.tools.listings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hostmcp.gateway.tool.GatewayTool;
import com.hostmcp.gateway.tool.ToolContext;
import com.hostmcp.gateway.tool.ToolFailure;
import com.hostmcp.gateway.tool.ToolResult;

import io.quarkiverse.mcp.server.ToolManager.ToolAnnotations;
import io.smallrye.mutiny.Uni;

/** {@code create_listing}: POST /v1/listings with validated fields. */
@ApplicationScoped
public class CreateListingTool implements GatewayTool {

    static final String NAME = "create_listing";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return """
                Creates a NEW listing (property) in the caller's Hostaway account and returns it with its new id. \
                Only name is required; address, city, countryCode (ISO 3166 alpha-2), capacity, rooms, price with \
                currencyCode (ISO 4217), stay rules (minNights <= maxNights, check-in/out hours 0-23 in the \
                listing's local time) and texts can be set at once. Hostaway only lets a listing sync to channels \
                once address, price, currencyCode, guestsIncluded and priceForExtraPerson are filled in. \
                Not idempotent: every call creates another listing, so do not repeat a call that may have \
                succeeded (a timeout included) before checking with list_listings (match = the name). \
                To change an existing listing use batch_update_listings; for day prices use update_calendar.""";
    }

    @Override
    public ToolAnnotations annotations() {
        return new ToolAnnotations("Create listing", false, false, false, true);
    }

    @Override
    public Uni<ToolResult> call(ToolContext context, ObjectNode arguments) {
        ObjectNode listing = hostawayListing(arguments);
        return context.hostaway().createListing(listing).map(created -> render(created, arguments));
    }

    /** The Hostaway listing body for the arguments, after the checks the schema cannot express. */
    static ObjectNode hostawayListing(ObjectNode arguments) {
        Integer minNights = ToolArguments.integer(arguments, "minNights");
        Integer maxNights = ToolArguments.integer(arguments, "maxNights");
        if (minNights != null && maxNights != null && minNights > maxNights) {
            throw ToolFailure.validation("minNights (" + minNights + ") is greater than maxNights (" + maxNights + ").",
                    "Pass minNights at most maxNights.");
        }
        Integer guestsIncluded = ToolArguments.integer(arguments, "guestsIncluded");
        Integer personCapacity = ToolArguments.integer(arguments, "personCapacity");
        if (guestsIncluded != null && personCapacity != null && guestsIncluded > personCapacity) {
            throw ToolFailure.validation("guestsIncluded (" + guestsIncluded + ") is greater than personCapacity ("
                    + personCapacity + ").",
                    "guestsIncluded (guests covered by the price) must be at most"
                            + " personCapacity.");
        }
        String countryCode = ToolArguments.text(arguments, "countryCode");
        if (countryCode != null && !COUNTRY_CODES.contains(countryCode)) {
            throw ToolFailure.validation("countryCode \"" + countryCode + "\" is not an ISO 3166 country code.",
                    "Pass the two-letter code of the country, e.g. DE, PT or US.");
        }
        String currencyCode = ToolArguments.text(arguments, "currencyCode");
        if (currencyCode != null && !isCurrency(currencyCode)) {
            throw ToolFailure.validation("currencyCode \"" + currencyCode + "\" is not an ISO 4217 currency code.",
                    "Pass the three-letter code of the currency, e.g. EUR, USD or GBP.");
        }
        String timeZone = ToolArguments.text(arguments, "timeZoneName");
        if (timeZone != null && !isZone(timeZone)) {
            throw ToolFailure.validation("timeZoneName \"" + timeZone + "\" is not an IANA time zone.",
                    "Pass a zone such as Europe/Berlin or America/New_York.");
        }

        ObjectNode listing = arguments.deepCopy();
        listing.put("externalListingName", listing.get("name").asText());
        if (countryCode != null) {
            listing.put("country", new Locale("", countryCode).getDisplayCountry(Locale.ENGLISH));
        }
        if (listing.has("instantBookable")) {
            listing.put("instantBookable", listing.get("instantBookable").asBoolean() ? 1 : 0);
        }
        return listing;
    }

    private static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code) != null;
        } catch (IllegalArgumentException | IllformedLocaleException e) {
            return false;
        }
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The created listing: its summary and the fields the caller set, as Hostaway stored them. */
    static ToolResult render(JsonNode created, ObjectNode arguments) {
        Set<String> names = new LinkedHashSet<>(ListingViews.SUMMARY_FIELDS);
        Iterator<String> given = arguments.fieldNames();
        given.forEachRemaining(names::add);
        ObjectNode structured = NODES.objectNode();
        structured.set("listing", ListingViews.view(created, List.copyOf(names)));
        return new ToolResult(structured, "Created listing " + ListingViews.line(created)
                + ". Its calendar uses the base price; change day prices with update_calendar.");
    }
}
