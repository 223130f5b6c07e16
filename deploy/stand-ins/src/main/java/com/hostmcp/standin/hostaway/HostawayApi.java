package com.hostmcp.standin.hostaway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Hostaway API v1 behaviour, independent of the HTTP server: routing, authentication, rate limits, injected
 * failures and the endpoint handlers over the in-memory {@link AccountState}s.
 */
final class HostawayApi {

    private interface Handler {
        ApiResponse handle(AccountState state, ApiRequest request, Matcher path);
    }

    private record Route(Pattern pattern, Map<String, Handler> methods) {
    }

    /** What the next {@code remaining} API requests of an account get: a status, a delay, or a malformed body. */
    private record FailurePlan(AtomicInteger remaining, int status, long delayMillis, boolean malformed) {
    }

    /** How many received requests {@link #receivedRequests()} keeps (the most recent ones). */
    static final int RECEIVED_REQUESTS_KEPT = 20_000;
    /** A 200 body cut off mid-object, as a proxy or a crashed server might leave it. */
    static final String MALFORMED_BODY = "{\"status\":\"success\",\"result\":{\"id\":";

    /** Maximum days one calendar GET may cover (not documented by Hostaway; keeps responses bounded). */
    static final int MAX_CALENDAR_DAYS = 1096;
    static final int MAX_CALENDAR_INTERVALS = 200;
    static final int DEFAULT_RESERVATION_LIMIT = 100;
    static final Set<String> COMMUNICATION_TYPES = Set.of("email", "channel", "sms", "whatsapp");

    private static final Set<String> LISTING_READ_ONLY = Set.of("id");
    private static final Set<String> RESERVATION_READ_ONLY = Set.of("id", "hostawayReservationId", "listingMapId",
            "reservationId", "channelReservationId", "insertedOn", "updatedOn", "financeField", "reservationFees",
            "reservationUnit", "nights");
    private static final Set<String> BOOKINGCOM_EXTRAS = Set.of("bookingcomSpecialRequests",
            "bookingcomSmokingPreference", "bookingcomIsGeniusMember", "bookingcomBookerName", "bookingcomBookerCompany",
            "bookingcomNoShowReportedAt", "bookingcomNoShowFeeWaived");
    private static final Set<String> CANCELLATION_POLICY_FIELDS = Set.of("cancellationPolicyDetails",
            "bookingCancellationPolicy", "vrboCancellationPolicy", "marriottCancellationPolicy");

    private final HostawayStandInOptions options;
    private final ReadWriteLock resetLock = new ReentrantReadWriteLock();
    private final Map<Long, HostawayAccount> definitions = new ConcurrentHashMap<>();
    private final Map<Long, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Map<Long, FailurePlan> failures = new ConcurrentHashMap<>();
    private final Deque<String> received = new ConcurrentLinkedDeque<>();
    private final AtomicInteger receivedSize = new AtomicInteger();
    private final TokenService tokens = new TokenService();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final List<Route> routes = new ArrayList<>();

    HostawayApi(HostawayStandInOptions options) {
        this.options = options;
        for (HostawayAccount account : HostawaySeedAccounts.ALL) {
            definitions.put(account.accountId(), account);
            accounts.put(account.accountId(), SeedGenerator.generate(account));
        }
        route("/v1/listings", Map.of("GET", this::listListings, "POST", this::createListing));
        route("/v1/listings/(\\d{1,18})", Map.of("GET", this::getListing, "PUT", this::updateListing, "DELETE",
                this::deleteListing));
        route("/v1/listings/(\\d{1,18})/calendar", Map.of("GET", this::getCalendar, "PUT", this::updateCalendar));
        route("/v1/listings/(\\d{1,18})/calendarIntervals", Map.of("PUT", this::updateCalendarIntervals));
        route("/v1/reservations", Map.of("GET", this::listReservations));
        route("/v1/reservations/(\\d{1,18})", Map.of("GET", this::getReservation, "PUT", this::updateReservation,
                "DELETE", this::deleteReservation));
        route("/v1/reservations/(\\d{1,18})/statuses/cancelled", Map.of("PUT", this::cancelReservation));
        route("/v1/reservations/(\\d{1,18})/conversations", Map.of("GET", this::reservationConversations));
        route("/v1/conversations", Map.of("GET", this::listConversations));
        route("/v1/conversations/(\\d{1,18})", Map.of("GET", this::getConversation));
        route("/v1/conversations/(\\d{1,18})/messages", Map.of("GET", this::listMessages, "POST", this::sendMessage));
        route("/v1/conversations/(\\d{1,18})/messages/(\\d{1,18})", Map.of("GET", this::getMessage));
        route("/v1/finance/report/(standard|consolidated|calculated|listingFinancials)",
                Map.of("POST", this::financeReport));
    }

    private void route(String regex, Map<String, Handler> methods) {
        routes.add(new Route(Pattern.compile(regex), methods));
    }

    // ------------------------------------------------------------------------------------------------ test controls

    HostawayAccount addAccount(HostawayAccount account) {
        resetLock.writeLock().lock();
        try {
            definitions.put(account.accountId(), account);
            accounts.put(account.accountId(), SeedGenerator.generate(account));
            tokens.revokeAll(account.accountId());
            return account;
        } finally {
            resetLock.writeLock().unlock();
        }
    }

    List<HostawayAccount> accounts() {
        List<HostawayAccount> out = new ArrayList<>();
        new TreeMap<>(accounts).forEach((id, state) -> out.add(state.definition.withSecret(state.secret)));
        return out;
    }

    void reset() {
        resetLock.writeLock().lock();
        try {
            accounts.clear();
            definitions.forEach((id, def) -> accounts.put(id, SeedGenerator.generate(def)));
            tokens.clear();
            rateLimiter.clear();
            failures.clear();
            requestCounts.clear();
            received.clear();
            receivedSize.set(0);
        } finally {
            resetLock.writeLock().unlock();
        }
    }

    void failNext(long accountId, int count, int httpStatus) {
        if (count < 0 || httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("count must be >= 0 and httpStatus a valid HTTP status");
        }
        requireAccount(accountId);
        failures.put(accountId, new FailurePlan(new AtomicInteger(count), httpStatus, 0, false));
    }

    void delayNext(long accountId, int count, long delayMillis) {
        if (count < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("count and delay must be >= 0");
        }
        requireAccount(accountId);
        failures.put(accountId, new FailurePlan(new AtomicInteger(count), 200, delayMillis, false));
    }

    void malformNext(long accountId, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        requireAccount(accountId);
        failures.put(accountId, new FailurePlan(new AtomicInteger(count), 200, 0, true));
    }

    List<String> receivedRequests() {
        return List.copyOf(received);
    }

    private void receive(ApiRequest request) {
        received.addLast(request.method + " " + request.rawUrl);
        if (receivedSize.incrementAndGet() > RECEIVED_REQUESTS_KEPT && received.pollFirst() != null) {
            receivedSize.decrementAndGet();
        }
    }

    void revokeTokens(long accountId) {
        tokens.revokeAll(accountId);
    }

    void rotateSecret(long accountId, String newSecret) {
        if (newSecret == null || newSecret.isBlank()) {
            throw new IllegalArgumentException("newSecret must not be blank");
        }
        requireAccount(accountId).secret = newSecret;
    }

    int requestCount(long accountId) {
        AtomicInteger count = requestCounts.get(accountId);
        return count == null ? 0 : count.get();
    }

    private AccountState requireAccount(long accountId) {
        AccountState state = accounts.get(accountId);
        if (state == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        return state;
    }

    private void count(long accountId) {
        requestCounts.computeIfAbsent(accountId, k -> new AtomicInteger()).incrementAndGet();
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    ApiResponse handle(ApiRequest request) {
        resetLock.readLock().lock();
        try {
            receive(request);
            return dispatch(request);
        } catch (ApiException e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            return ApiResponse.fail(500, "Internal server error: " + e);
        } finally {
            resetLock.readLock().unlock();
        }
    }

    private ApiResponse dispatch(ApiRequest request) {
        long now = options.clock().millis();
        long window = options.rateLimitWindow().toMillis();
        if (!rateLimiter.tryAcquire("ip:" + request.clientIp, options.perIpLimit(), window, now)) {
            return ApiResponse.rateLimited();
        }
        if ("/v1/accessTokens".equals(request.path)) {
            return switch (request.method) {
                case "POST" -> issueToken(request);
                case "DELETE" -> revokeToken(request);
                default -> methodNotAllowed("POST, DELETE");
            };
        }
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(request.path);
            if (!matcher.matches()) {
                continue;
            }
            Handler handler = route.methods().get(request.method);
            if (handler == null) {
                return methodNotAllowed(String.join(", ", new TreeMap<>(route.methods()).keySet()));
            }
            AccountState state = authenticate(request);
            count(state.accountId);
            if (!rateLimiter.tryAcquire("account:" + state.accountId, options.perAccountLimit(), window, now)) {
                return ApiResponse.rateLimited();
            }
            FailurePlan plan = failures.get(state.accountId);
            if (plan != null && plan.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (plan.malformed()) {
                    return new ApiResponse(200, ApiResponse.JSON, MALFORMED_BODY.getBytes(StandardCharsets.UTF_8));
                }
                if (plan.delayMillis() > 0) {
                    synchronized (state) {
                        return handler.handle(state.ensureSeeded(), request, matcher).delayed(plan.delayMillis());
                    }
                }
                return injectedFailure(plan.status());
            }
            synchronized (state) {
                return handler.handle(state.ensureSeeded(), request, matcher);
            }
        }
        return ApiResponse.fail(404, "Not found");
    }

    private static ApiResponse methodNotAllowed(String allowed) {
        return ApiResponse.fail(405, "Method not allowed").header("Allow", allowed);
    }

    private static ApiResponse injectedFailure(int status) {
        if (status == 429) {
            return ApiResponse.rateLimited();
        }
        String message = switch (status) {
            case 500 -> "Internal server error";
            case 502 -> "Bad gateway";
            case 503 -> "Service temporarily unavailable";
            case 504 -> "Gateway timeout";
            default -> "Injected failure";
        };
        return ApiResponse.fail(status, message);
    }

    // ------------------------------------------------------------------------------------------------ auth

    /**
     * POST /v1/accessTokens. Hostaway does not document how it refuses bad credentials; the stand-in answers HTTP 403
     * with {@code {"status":"fail","result":"..."}} for a wrong or unknown client, a missing field, a grant type other
     * than client_credentials and a scope other than general.
     */
    private ApiResponse issueToken(ApiRequest request) {
        Map<String, List<String>> form = request.formFields();
        String grantType = first(form, "grant_type");
        String clientId = first(form, "client_id");
        String clientSecret = first(form, "client_secret");
        String scope = first(form, "scope");
        AccountState state = null;
        if (clientId != null && clientId.matches("\\d{1,18}")) {
            state = accounts.get(Long.parseLong(clientId));
        }
        if (state != null) {
            count(state.accountId);
        }
        if (grantType == null || clientId == null || clientSecret == null || scope == null) {
            throw new ApiException(403, "grant_type, client_id, client_secret and scope are required");
        }
        if (!"client_credentials".equals(grantType)) {
            throw new ApiException(403, "Unsupported grant type");
        }
        if (!"general".equals(scope)) {
            throw new ApiException(403, "Invalid scope");
        }
        if (state == null || !state.secret.equals(clientSecret)) {
            throw new ApiException(403, "Client authentication failed");
        }
        Instant now = options.clock().instant();
        ObjectNode response = Json.ACCESS_TOKEN_RESPONSE.deepCopy();
        response.put("token_type", "Bearer");
        response.put("expires_in", options.tokenTtlSeconds());
        response.put("access_token", tokens.issue(state.accountId, now, options.tokenTtlSeconds()));
        return ApiResponse.ok(response);
    }

    /** DELETE /v1/accessTokens?token=... A token that is not known (or already revoked) answers 403. */
    private ApiResponse revokeToken(ApiRequest request) {
        String token = request.param("token");
        if (token == null) {
            token = first(request.formFields(), "token");
        }
        TokenService.Token known = tokens.lookup(token);
        if (known == null) {
            throw new ApiException(403, "Invalid token");
        }
        count(known.accountId());
        tokens.revoke(token);
        return ApiResponse.success(Json.array());
    }

    /** Missing, unknown, revoked, expired or not-yet-active tokens answer 403 (Hostaway does not use 401). */
    private AccountState authenticate(ApiRequest request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(403, "Access denied: missing access token");
        }
        TokenService.Token token = tokens.lookup(header.substring(7).trim());
        if (token == null) {
            throw new ApiException(403, "Access denied: invalid or revoked access token");
        }
        Instant now = options.clock().instant();
        if (!now.isBefore(token.expiresAt())) {
            throw new ApiException(403, "Access denied: access token expired");
        }
        if (now.isBefore(token.issuedAt().plus(options.tokenActivationDelay()))) {
            throw new ApiException(403, "Access denied: access token not active yet");
        }
        AccountState state = accounts.get(token.accountId());
        if (state == null) {
            throw new ApiException(403, "Access denied: unknown account");
        }
        return state;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String first(Map<String, List<String>> map, String key) {
        List<String> values = map.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Integer intParam(ApiRequest request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("\\d{1,9}")) {
            throw ApiException.badRequest(name + " must be a non-negative integer");
        }
        return Integer.parseInt(value);
    }

    private static Long longParam(ApiRequest request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("-?\\d{1,18}")) {
            throw ApiException.badRequest(name + " must be an integer");
        }
        return Long.parseLong(value);
    }

    private static boolean flag(ApiRequest request, String name) {
        String value = request.param(name);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static LocalDate dateParam(ApiRequest request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        LocalDate date = Json.parseDate(value);
        if (date == null) {
            throw ApiException.badRequest(name + " must be a date in YYYY-MM-DD format");
        }
        return date;
    }

    private static ObjectNode objectBody(ApiRequest request) {
        JsonNode body = jsonBody(request);
        if (!body.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static JsonNode jsonBody(ApiRequest request) {
        String text = request.bodyText();
        if (text.isBlank()) {
            throw ApiException.badRequest("Request body is empty");
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Request body is not valid JSON");
        }
    }

    private static long pathId(Matcher path, int group) {
        return Long.parseLong(path.group(group));
    }

    private String nowText() {
        return Json.dateTime(LocalDateTime.ofInstant(options.clock().instant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(options.clock().instant(), ZoneOffset.UTC);
    }

    /**
     * The list envelope: {@code count} is the number of rows matching the filters (not the page size); {@code limit}
     * and {@code offset} echo the request ({@code null} when not given), {@code page}/{@code totalPages} as in the
     * docs' introduction.
     */
    private static ApiResponse list(Collection<ObjectNode> rows, Integer requestedLimit, Integer requestedOffset,
            int effectiveLimit, int effectiveOffset, Function<ObjectNode, JsonNode> render) {
        List<ObjectNode> all = rows instanceof List<ObjectNode> l ? l : new ArrayList<>(rows);
        ArrayNode result = Json.array();
        int end = effectiveLimit <= 0 ? all.size() : (int) Math.min(all.size(), (long) effectiveOffset + effectiveLimit);
        for (int i = effectiveOffset; i < end; i++) {
            result.add(render.apply(all.get(i)));
        }
        return pageEnvelope(result, all.size(), requestedLimit, requestedOffset, effectiveLimit, effectiveOffset);
    }

    private static ApiResponse pageEnvelope(ArrayNode result, int count, Integer requestedLimit,
            Integer requestedOffset, int effectiveLimit, int effectiveOffset) {
        ObjectNode envelope = Json.object();
        envelope.put("status", "success");
        envelope.set("result", result);
        if (requestedLimit == null) {
            envelope.putNull("limit");
        } else {
            envelope.put("limit", requestedLimit);
        }
        if (requestedOffset == null) {
            envelope.putNull("offset");
        } else {
            envelope.put("offset", requestedOffset);
        }
        envelope.put("count", count);
        int pageSize = effectiveLimit > 0 ? effectiveLimit : Math.max(count, 1);
        envelope.put("page", effectiveOffset / pageSize + 1);
        envelope.put("totalPages", Math.max(1, (count + pageSize - 1) / pageSize));
        return ApiResponse.ok(envelope);
    }

    private static <T> Comparator<T> nullsLastText(Function<T, String> key) {
        return Comparator.comparing(key, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
    }

    private static boolean containsIgnoreCase(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------------------------------------ listings

    private ApiResponse listListings(AccountState state, ApiRequest request, Matcher path) {
        Integer limit = intParam(request, "limit");
        Integer offset = intParam(request, "offset");
        String city = request.param("city");
        String country = request.param("country");
        String contactName = request.param("contactName");
        String match = request.param("match");
        Long propertyTypeId = longParam(request, "propertyTypeId");
        Integer guests = intParam(request, "availabilityGuestNumber");
        LocalDate availableFrom = dateParam(request, "availabilityDateStart");
        LocalDate availableTo = dateParam(request, "availabilityDateEnd");
        boolean includeResources = flag(request, "includeResources");
        boolean engineUrls = attachBookingEngineUrls(request);

        List<Predicate<ObjectNode>> filters = new ArrayList<>();
        if (city != null && !city.isEmpty()) {
            filters.add(l -> city.equalsIgnoreCase(Json.text(l, "city")));
        }
        if (country != null && !country.isEmpty()) {
            filters.add(l -> country.equalsIgnoreCase(Json.text(l, "country"))
                    || country.equalsIgnoreCase(Json.text(l, "countryCode")));
        }
        if (contactName != null && !contactName.isEmpty()) {
            filters.add(l -> containsIgnoreCase(Json.text(l, "contactName") + " " + Json.text(l, "contactSurName"),
                    contactName));
        }
        if (match != null && !match.isEmpty()) {
            filters.add(l -> containsIgnoreCase(Json.text(l, "name"), match));
        }
        if (propertyTypeId != null) {
            filters.add(l -> Json.lng(l, "propertyTypeId") == propertyTypeId);
        }
        if (guests != null) {
            filters.add(l -> Json.lng(l, "personCapacity") >= guests);
        }
        if (availableFrom != null || availableTo != null) {
            LocalDate from = availableFrom != null ? availableFrom : availableTo;
            LocalDate to = availableTo != null ? availableTo : availableFrom;
            if (to.isBefore(from)) {
                throw ApiException.badRequest("availabilityDateEnd must not be before availabilityDateStart");
            }
            Map<Long, List<ObjectNode>> byListing = state.reservationsByListing();
            filters.add(l -> {
                ArrayNode days = state.calendar(l, from, to, byListing.getOrDefault(Json.lng(l, "id"), List.of()),
                        false);
                for (JsonNode day : days) {
                    if (day.path("isAvailable").asInt() != 1) {
                        return false;
                    }
                }
                return true;
            });
        }
        Comparator<ObjectNode> byId = Comparator.comparingLong(l -> Json.lng(l, "id"));
        String sortOrder = request.param("sortOrder");
        Comparator<ObjectNode> order;
        if (sortOrder == null || sortOrder.isEmpty()) {
            order = byId;
        } else {
            order = switch (sortOrder) {
                case "name" -> HostawayApi.<ObjectNode> nullsLastText(l -> Json.text(l, "name")).thenComparing(byId);
                case "nameReversed" -> HostawayApi.<ObjectNode> nullsLastText(l -> Json.text(l, "name")).reversed()
                        .thenComparing(byId.reversed());
                case "order", "latestActivity" -> byId;
                case "orderReversed", "latestActivityDesc" -> byId.reversed();
                case "contactName" -> HostawayApi.<ObjectNode> nullsLastText(l -> Json.text(l, "contactName"))
                        .thenComparing(byId);
                case "contactNameReversed" -> HostawayApi.<ObjectNode> nullsLastText(l -> Json.text(l, "contactName"))
                        .reversed().thenComparing(byId.reversed());
                default -> throw ApiException.badRequest("Invalid sortOrder: " + sortOrder);
            };
        }
        List<ObjectNode> rows = state.listings.values().stream().filter(l -> filters.stream().allMatch(f -> f.test(l)))
                .sorted(order).toList();
        int off = offset == null ? 0 : offset;
        int lim = limit == null ? 0 : limit;
        return list(rows, limit, offset, lim, off, l -> renderListing(l, includeResources, engineUrls));
    }

    private static boolean attachBookingEngineUrls(ApiRequest request) {
        for (Map.Entry<String, List<String>> e : request.query.entrySet()) {
            if (e.getKey().startsWith("attachObjects") && e.getValue().contains("bookingEngineUrls")) {
                return true;
            }
        }
        return false;
    }

    /**
     * With {@code includeResources=0} (the default) the supplementary resources {@code listingAmenities},
     * {@code listingBedTypes}, {@code listingImages} and {@code customFieldValues} come back as {@code []} (the docs do
     * not list them; this follows the sparse-by-default rule of FACTS §1). {@code bookingEngineUrls} is {@code []} unless
     * {@code attachObjects[]=bookingEngineUrls}.
     */
    static ObjectNode renderListing(ObjectNode listing, boolean includeResources, boolean engineUrls) {
        ObjectNode out = listing.deepCopy();
        if (!includeResources) {
            for (String f : List.of("listingAmenities", "listingBedTypes", "listingImages", "customFieldValues")) {
                out.set(f, Json.array());
            }
        }
        ArrayNode urls = Json.array();
        if (engineUrls) {
            urls.add("https://booking.standin.invalid/listings/" + Json.lng(listing, "id"));
        }
        out.set("bookingEngineUrls", urls);
        return out;
    }

    private ApiResponse getListing(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode listing = state.listing(pathId(path, 1));
        return ApiResponse
                .success(renderListing(listing, flag(request, "includeResources"), attachBookingEngineUrls(request)));
    }

    private ApiResponse createListing(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode body = objectBody(request);
        String name = Json.text(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("Listing name is required");
        }
        validateListing(body);
        ObjectNode listing = blankListing();
        long id = state.nextListingId();
        listing.put("id", id);
        applyListingFields(listing, body, id);
        if (!body.hasNonNull("externalListingName")) {
            listing.put("externalListingName", name);
        }
        state.listings.put(id, listing);
        return ApiResponse.success(renderListing(listing, true, false));
    }

    private static ObjectNode blankListing() {
        ObjectNode listing = Json.LISTING.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = listing.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            e.setValue(e.getValue().isArray() ? Json.array() : Json.NODES.nullNode());
        }
        listing.put("propertyTypeId", 1);
        listing.put("price", 0);
        listing.put("minNights", 1);
        listing.put("maxNights", 1125);
        listing.put("guestsIncluded", 1);
        listing.put("personCapacity", 1);
        listing.put("instantBookable", 0);
        listing.put("roomType", "entire_home");
        listing.put("bathroomType", "private");
        listing.put("currencyCode", "USD");
        listing.put("language", "en");
        listing.put("timeZoneName", "UTC");
        listing.put("cancellationPolicy", "moderate");
        listing.put("isRentalAgreementActive", false);
        listing.put("bookingcomPropertyRegisteredInVcs", false);
        listing.put("bookingcomPropertyHasVat", false);
        listing.put("bookingcomPropertyDeclaresRevenue", false);
        listing.put("insuranceEligibilityStatus", false);
        listing.set("bookingEngineUrls", Json.array());
        return listing;
    }

    private static void validateListing(ObjectNode body) {
        if (body.has("name") && (!body.get("name").isTextual() || body.get("name").asText().isBlank())) {
            throw ApiException.badRequest("Listing name is required");
        }
        for (String f : List.of("price", "cleaningFee", "priceForExtraPerson", "personCapacity", "minNights",
                "maxNights", "bedroomsNumber", "bathroomsNumber", "guestsIncluded")) {
            JsonNode value = body.get(f);
            if (value != null && !value.isNull() && (!value.isNumber() || value.asDouble() < 0)) {
                throw ApiException.badRequest(f + " must be a non-negative number");
            }
        }
        JsonNode status = body.get("specialStatus");
        if (status != null && !status.isNull() && !"archived".equals(status.asText())) {
            throw ApiException.badRequest("specialStatus must be \"archived\" or null");
        }
        for (String f : List.of("listingAmenities", "listingBedTypes", "listingImages", "customFieldValues")) {
            JsonNode value = body.get(f);
            if (value != null && !value.isNull() && !value.isArray()) {
                throw ApiException.badRequest(f + " must be an array");
            }
        }
    }

    /** Copies the known listing fields of a request body (unknown fields are ignored, {@code id} is read-only). */
    private static void applyListingFields(ObjectNode listing, ObjectNode body, long listingId) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            if (LISTING_READ_ONLY.contains(key) || !Json.LISTING.has(key)) {
                continue;
            }
            JsonNode value = e.getValue().deepCopy();
            if (value.isArray()) {
                int n = 1;
                for (JsonNode item : value) {
                    if (item.isObject() && !item.has("id") && !"customFieldValues".equals(key)) {
                        ((ObjectNode) item).put("id", (listingId % 1_000_000) * 100 + 50 + n);
                    }
                    n++;
                }
            }
            listing.set(key, value);
        }
    }

    private ApiResponse updateListing(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode listing = state.listing(pathId(path, 1));
        ObjectNode body = objectBody(request);
        validateListing(body);
        applyListingFields(listing, body, Json.lng(listing, "id"));
        return ApiResponse.success(renderListing(listing, true, false));
    }

    private ApiResponse deleteListing(AccountState state, ApiRequest request, Matcher path) {
        long id = pathId(path, 1);
        state.listing(id);
        state.listings.remove(id);
        state.calendarOverrides.remove(id);
        return ApiResponse.success(Json.array());
    }

    // ------------------------------------------------------------------------------------------------ calendar

    private ApiResponse getCalendar(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode listing = state.listing(pathId(path, 1));
        LocalDate start = dateParam(request, "startDate");
        LocalDate end = dateParam(request, "endDate");
        if (start == null) {
            start = end != null ? end : today();
        }
        if (end == null) {
            end = start.plusDays(30);
        }
        checkRange(start, end);
        List<ObjectNode> reservations = state.reservationsByListing().getOrDefault(Json.lng(listing, "id"),
                List.of());
        return ApiResponse
                .success(state.calendar(listing, start, end, reservations, flag(request, "includeResources")));
    }

    private static void checkRange(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw ApiException.badRequest("endDate must be greater than or equal to startDate");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_CALENDAR_DAYS) {
            throw ApiException.badRequest("The date range must not exceed " + MAX_CALENDAR_DAYS + " days");
        }
    }

    /** Validates one calendar update (body of PUT calendar or one interval) and returns the values to store. */
    private static ObjectNode calendarValues(JsonNode item, LocalDate[] range) {
        if (!item.isObject()) {
            throw ApiException.badRequest("Each calendar interval must be a JSON object");
        }
        LocalDate start = Json.parseDate(Json.text(item, "startDate"));
        LocalDate end = Json.parseDate(Json.text(item, "endDate"));
        if (start == null || end == null) {
            throw ApiException.badRequest("startDate and endDate are required in YYYY-MM-DD format");
        }
        checkRange(start, end);
        range[0] = start;
        range[1] = end;
        ObjectNode values = Json.object();
        for (String f : AccountState.CALENDAR_FIELDS) {
            if (!item.has(f)) {
                continue;
            }
            JsonNode v = item.get(f);
            switch (f) {
                case "isAvailable", "isProcessed" -> {
                    if (!v.isNull() && !(v.isBoolean() || v.isInt() && (v.asInt() == 0 || v.asInt() == 1))) {
                        throw ApiException.badRequest(f + " must be 0 or 1");
                    }
                    if (v.isNull()) {
                        continue;
                    }
                    values.put(f, v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asInt());
                }
                case "price" -> {
                    if (!v.isNull() && (!v.isNumber() || v.asDouble() < 0)) {
                        throw ApiException.badRequest("price must be a non-negative number");
                    }
                    values.set(f, v);
                }
                case "minimumStay", "maximumStay" -> {
                    if (!v.isNull() && (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0)) {
                        throw ApiException.badRequest(f + " must be a positive integer");
                    }
                    values.set(f, v);
                }
                case "desiredUnitsToSell" -> {
                    if (!v.isNull() && (!v.isIntegralNumber() || v.asInt() < 0)) {
                        throw ApiException.badRequest(f + " must be a non-negative integer");
                    }
                    values.set(f, v);
                }
                default -> values.set(f, v);
            }
        }
        return values;
    }

    private ApiResponse updateCalendar(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode listing = state.listing(pathId(path, 1));
        long listingId = Json.lng(listing, "id");
        ObjectNode body = objectBody(request);
        LocalDate[] range = new LocalDate[2];
        ObjectNode values = calendarValues(body, range);
        state.requireNotArchived(listingId);
        state.applyCalendar(listingId, range[0], range[1], values);
        List<ObjectNode> reservations = state.reservationsByListing().getOrDefault(listingId, List.of());
        return ApiResponse.success(state.calendar(listing, range[0], range[1], reservations, false));
    }

    private ApiResponse updateCalendarIntervals(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode listing = state.listing(pathId(path, 1));
        long listingId = Json.lng(listing, "id");
        JsonNode body = jsonBody(request);
        if (!body.isArray()) {
            throw ApiException.badRequest("Request body must be a JSON array of intervals");
        }
        if (body.size() == 0) {
            throw ApiException.badRequest("At least one interval is required");
        }
        if (body.size() > MAX_CALENDAR_INTERVALS) {
            throw ApiException.badRequest("At most " + MAX_CALENDAR_INTERVALS + " intervals are allowed per request");
        }
        List<LocalDate[]> ranges = new ArrayList<>();
        List<ObjectNode> values = new ArrayList<>();
        for (JsonNode item : body) {
            LocalDate[] range = new LocalDate[2];
            values.add(calendarValues(item, range));
            ranges.add(range);
        }
        state.requireNotArchived(listingId);
        for (int i = 0; i < ranges.size(); i++) {
            state.applyCalendar(listingId, ranges.get(i)[0], ranges.get(i)[1], values.get(i));
        }
        return ApiResponse.success(Json.array());
    }

    // ------------------------------------------------------------------------------------------------ reservations

    private ApiResponse listReservations(AccountState state, ApiRequest request, Matcher path) {
        Integer limit = intParam(request, "limit");
        Integer offset = intParam(request, "offset");
        Long afterId = longParam(request, "afterId");
        boolean includeResources = flag(request, "includeResources");
        boolean includePolicy = flag(request, "includeCancellationPolicy");

        List<Predicate<ObjectNode>> filters = new ArrayList<>();
        Long listingId = longParam(request, "listingId");
        if (listingId != null) {
            filters.add(r -> Json.lng(r, "listingMapId") == listingId);
        }
        Long channelId = longParam(request, "channelId");
        if (channelId != null) {
            filters.add(r -> Json.lng(r, "channelId") == channelId);
        }
        Long assignee = longParam(request, "assigneeUserId");
        if (assignee != null) {
            filters.add(r -> Json.lng(r, "assigneeUserId") == assignee);
        }
        String match = request.param("match");
        if (match != null && !match.isEmpty()) {
            filters.add(r -> containsIgnoreCase(Json.text(r, "guestName"), match)
                    || containsIgnoreCase(Json.text(r, "guestFirstName"), match)
                    || containsIgnoreCase(Json.text(r, "guestLastName"), match));
        }
        String guestEmail = request.param("guestEmail");
        if (guestEmail != null && !guestEmail.isEmpty()) {
            filters.add(r -> guestEmail.equalsIgnoreCase(Json.text(r, "guestEmail")));
        }
        String customerUserId = request.param("customerUserId");
        if (customerUserId != null && !customerUserId.isEmpty()) {
            filters.add(r -> customerUserId.equals(Json.text(r, "customerUserId")));
        }
        String agreement = request.param("reservationAgreement");
        if (agreement != null && !agreement.isEmpty()) {
            filters.add(r -> agreement.equals(Json.text(r, "reservationAgreement")));
        }
        for (String f : List.of("isStarred", "isArchived", "isPinned")) {
            String value = request.param(f);
            if (value != null && !value.isEmpty()) {
                int wanted = value.equals("1") || value.equalsIgnoreCase("true") ? 1 : 0;
                filters.add(r -> r.path(f).asInt(0) == wanted);
            }
        }
        dateFilter(filters, request, "arrivalStartDate", "arrivalDate", true);
        dateFilter(filters, request, "arrivalEndDate", "arrivalDate", false);
        dateFilter(filters, request, "departureStartDate", "departureDate", true);
        dateFilter(filters, request, "departureEndDate", "departureDate", false);
        dateFilter(filters, request, "latestActivityStart", "latestActivityOn", true);
        dateFilter(filters, request, "latestActivityEnd", "latestActivityOn", false);

        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> Json.lng(r, "id"));
        Comparator<ObjectNode> byUpdated = HostawayApi.<ObjectNode> nullsLastText(r -> Json.text(r, "updatedOn"))
                .thenComparing(byId);
        Comparator<ObjectNode> byArrival = HostawayApi.<ObjectNode> nullsLastText(r -> Json.text(r, "arrivalDate"))
                .thenComparing(byId);
        Comparator<ObjectNode> byActivity = HostawayApi
                .<ObjectNode> nullsLastText(r -> Json.text(r, "latestActivityOn")).thenComparing(byUpdated);
        String sortOrder = request.param("sortOrder");
        Comparator<ObjectNode> order;
        if (sortOrder == null || sortOrder.isEmpty()) {
            order = byUpdated.reversed(); // Hostaway default: updatedOn DESC, id DESC
        } else {
            order = switch (sortOrder) {
                case "arrivalDate" -> byArrival;
                case "arrivalDateDesc" -> byArrival.reversed();
                case "updatedOn" -> byUpdated;
                case "latestActivity", "lastConversationMessageSent", "lastConversationMessageReceived" -> byActivity;
                case "latestActivityDesc", "lastConversationMessageSentDesc", "lastConversationMessageReceivedDesc" ->
                    byActivity.reversed();
                default -> throw ApiException.badRequest("Invalid sortOrder: " + sortOrder);
            };
        }
        List<ObjectNode> rows = state.reservations.values().stream()
                .filter(r -> filters.stream().allMatch(f -> f.test(r))).sorted(order).toList();
        int lim = limit == null ? DEFAULT_RESERVATION_LIMIT : limit;
        Function<ObjectNode, JsonNode> render = r -> renderReservation(r, true, includeResources, includePolicy);
        if (afterId != null) {
            // Cursor: rows after the given reservation in the sort order; offset is ignored. count stays the number
            // of rows matching the filters.
            ObjectNode anchor = state.reservations.get(afterId);
            List<ObjectNode> after;
            if (anchor != null) {
                after = rows.stream().filter(r -> order.compare(r, anchor) > 0).toList();
            } else {
                boolean descending = sortOrder == null || sortOrder.isEmpty() || sortOrder.endsWith("Desc");
                after = rows.stream().filter(r -> descending ? Json.lng(r, "id") < afterId : Json.lng(r, "id") > afterId)
                        .toList();
            }
            ArrayNode result = Json.array();
            for (int i = 0; i < after.size() && (lim <= 0 || i < lim); i++) {
                result.add(render.apply(after.get(i)));
            }
            return pageEnvelope(result, rows.size(), limit, offset, lim, 0);
        }
        int off = offset == null ? 0 : offset;
        return list(rows, limit, offset, lim, off, render);
    }

    private static void dateFilter(List<Predicate<ObjectNode>> filters, ApiRequest request, String param,
            String field, boolean lowerBound) {
        LocalDate date = dateParam(request, param);
        if (date == null) {
            return;
        }
        String bound = date.toString();
        filters.add(r -> {
            String value = Json.text(r, field);
            if (value == null) {
                return false;
            }
            String day = value.length() > 10 ? value.substring(0, 10) : value;
            return lowerBound ? day.compareTo(bound) >= 0 : day.compareTo(bound) <= 0;
        });
    }

    /**
     * The reservation as returned by the API. On the list endpoint without {@code includeResources=1},
     * {@code customFieldValues}, {@code reservationFees}, {@code reservationUnit} are {@code []} and
     * {@code hostProxyEmail} is null; without {@code includeCancellationPolicy=1} the cancellation-policy details are
     * left out. Booking.com extras need {@code includeResources=1} on both list and get.
     */
    static ObjectNode renderReservation(ObjectNode reservation, boolean listEndpoint, boolean includeResources,
            boolean includePolicy) {
        ObjectNode out = reservation.deepCopy();
        if (listEndpoint && !includeResources) {
            out.set("customFieldValues", Json.array());
            out.set("reservationFees", Json.array());
            out.set("reservationUnit", Json.array());
            out.putNull("hostProxyEmail");
        }
        if (listEndpoint && !includePolicy) {
            CANCELLATION_POLICY_FIELDS.forEach(out::remove);
        }
        if (!includeResources) {
            BOOKINGCOM_EXTRAS.forEach(out::remove);
        }
        return out;
    }

    private ApiResponse getReservation(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode reservation = state.reservation(pathId(path, 1));
        return ApiResponse.success(renderReservation(reservation, false, flag(request, "includeResources"), true));
    }

    private ApiResponse updateReservation(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode reservation = state.reservation(pathId(path, 1));
        ObjectNode body = objectBody(request);
        long listingId = Json.lng(reservation, "listingMapId");
        state.requireNotArchived(listingId);

        String oldArrival = Json.text(reservation, "arrivalDate");
        String oldDeparture = Json.text(reservation, "departureDate");
        String arrivalText = body.has("arrivalDate") ? Json.text(body, "arrivalDate") : oldArrival;
        String departureText = body.has("departureDate") ? Json.text(body, "departureDate") : oldDeparture;
        LocalDate arrival = Json.parseDate(arrivalText);
        LocalDate departure = Json.parseDate(departureText);
        if (arrival == null || departure == null) {
            throw ApiException.badRequest("arrivalDate and departureDate must be dates in YYYY-MM-DD format");
        }
        if (!departure.isAfter(arrival)) {
            throw ApiException.badRequest("departureDate must be after arrivalDate");
        }
        JsonNode statusNode = body.get("status");
        if (statusNode != null && (!statusNode.isTextual() || statusNode.asText().isBlank())) {
            throw ApiException.badRequest("status must be a reservation status");
        }
        JsonNode total = body.get("totalPrice");
        if (total != null && !total.isNull() && (!total.isNumber() || total.asDouble() < 0)) {
            throw ApiException.badRequest("totalPrice must be a non-negative number");
        }
        boolean datesChanged = !arrival.toString().equals(oldArrival) || !departure.toString().equals(oldDeparture);
        String newStatus = statusNode != null ? statusNode.asText() : Json.text(reservation, "status");
        if (datesChanged && statusNode == null && "new".equals(newStatus)) {
            newStatus = "modified";
        }
        if (datesChanged && AccountState.RESERVING_STATUSES.contains(newStatus) && !flag(request, "forceOverbooking")) {
            long id = Json.lng(reservation, "id");
            for (ObjectNode other : state.reservations.values()) {
                if (Json.lng(other, "id") == id || Json.lng(other, "listingMapId") != listingId
                        || !AccountState.RESERVING_STATUSES.contains(Json.text(other, "status"))) {
                    continue;
                }
                if (arrival.toString().compareTo(Json.text(other, "departureDate")) < 0
                        && departure.toString().compareTo(Json.text(other, "arrivalDate")) > 0) {
                    throw ApiException.badRequest("The listing is not available for the selected dates (overbooking)");
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (RESERVATION_READ_ONLY.contains(e.getKey()) || !reservation.has(e.getKey())) {
                continue; // listingMapId cannot be changed (docs); unknown fields are ignored
            }
            reservation.set(e.getKey(), e.getValue().deepCopy());
        }
        if (datesChanged) {
            reservation.put("previousArrivalDate", oldArrival);
            reservation.put("previousDepartureDate", oldDeparture);
            reservation.put("arrivalDate", arrival.toString());
            reservation.put("departureDate", departure.toString());
            reservation.put("nights", ChronoUnit.DAYS.between(arrival, departure));
        }
        reservation.put("status", newStatus);
        if ("cancelled".equals(newStatus) && !reservation.hasNonNull("cancellationDate")) {
            reservation.put("cancellationDate", today().toString());
            if (!reservation.hasNonNull("cancelledBy")) {
                reservation.put("cancelledBy", "host");
            }
        }
        touch(reservation);
        return ApiResponse.success(renderReservation(reservation, false, false, true));
    }

    private void touch(ObjectNode reservation) {
        reservation.put("updatedOn", nowText());
        reservation.put("latestActivityOn", today().toString());
    }

    private ApiResponse cancelReservation(AccountState state, ApiRequest request, Matcher path) {
        ObjectNode reservation = state.reservation(pathId(path, 1));
        String cancelledBy = "host";
        if (!request.bodyText().isBlank()) {
            ObjectNode body = objectBody(request);
            if (body.has("cancelledBy")) {
                cancelledBy = Json.text(body, "cancelledBy");
                if (!"guest".equals(cancelledBy) && !"host".equals(cancelledBy)) {
                    throw ApiException.badRequest("cancelledBy must be guest or host");
                }
            }
        }
        reservation.put("status", "cancelled");
        reservation.put("cancelledBy", cancelledBy);
        reservation.put("cancellationDate", today().toString());
        touch(reservation);
        return ApiResponse.success(renderReservation(reservation, false, false, true));
    }

    private ApiResponse deleteReservation(AccountState state, ApiRequest request, Matcher path) {
        long id = pathId(path, 1);
        state.reservation(id);
        state.reservations.remove(id);
        return ApiResponse.success(Json.array());
    }

    // ------------------------------------------------------------------------------------------------ conversations

    private static Comparator<ObjectNode> conversationOrder() {
        Function<ObjectNode, String> latest = c -> {
            String sent = Json.text(c, "messageSentOn");
            String received = Json.text(c, "messageReceivedOn");
            if (sent == null) {
                return received == null ? "" : received;
            }
            return received == null || sent.compareTo(received) >= 0 ? sent : received;
        };
        return Comparator.comparing(latest).thenComparingLong(c -> Json.lng(c, "id")).reversed();
    }

    private ApiResponse listConversations(AccountState state, ApiRequest request, Matcher path) {
        Integer limit = intParam(request, "limit");
        Integer offset = intParam(request, "offset");
        Long reservationId = longParam(request, "reservationId");
        List<ObjectNode> rows = state.conversations.values().stream()
                .filter(c -> reservationId == null || Json.lng(c, "reservationId") == reservationId)
                .sorted(conversationOrder()).toList();
        return list(rows, limit, offset, limit == null ? 0 : limit, offset == null ? 0 : offset,
                c -> Conversations.render(state, c));
    }

    private ApiResponse reservationConversations(AccountState state, ApiRequest request, Matcher path) {
        long reservationId = pathId(path, 1);
        state.reservation(reservationId);
        ArrayNode result = Json.array();
        state.conversations.values().stream().filter(c -> Json.lng(c, "reservationId") == reservationId)
                .sorted(conversationOrder()).forEach(c -> result.add(Conversations.render(state, c)));
        return ApiResponse.success(result);
    }

    private ApiResponse getConversation(AccountState state, ApiRequest request, Matcher path) {
        return ApiResponse.success(Conversations.render(state, state.conversation(pathId(path, 1))));
    }

    /** Newest message first; without {@code includeScheduledMessages=1} only messages with status "sent". */
    private ApiResponse listMessages(AccountState state, ApiRequest request, Matcher path) {
        long conversationId = pathId(path, 1);
        state.conversation(conversationId);
        Integer limit = intParam(request, "limit");
        Integer offset = intParam(request, "offset");
        boolean scheduled = flag(request, "includeScheduledMessages");
        List<ObjectNode> all = new ArrayList<>(state.messages.getOrDefault(conversationId, List.of()));
        List<ObjectNode> rows = all.stream().filter(m -> scheduled || "sent".equals(Json.text(m, "status")))
                .sorted(Comparator.comparing((ObjectNode m) -> Json.text(m, "date"), Comparator.nullsFirst(
                        Comparator.naturalOrder())).thenComparingLong(m -> Json.lng(m, "id")).reversed())
                .toList();
        return list(rows, limit, offset, limit == null ? 0 : limit, offset == null ? 0 : offset,
                ObjectNode::deepCopy);
    }

    private ApiResponse getMessage(AccountState state, ApiRequest request, Matcher path) {
        long conversationId = pathId(path, 1);
        long messageId = pathId(path, 2);
        state.conversation(conversationId);
        return state.messages.getOrDefault(conversationId, List.of()).stream()
                .filter(m -> Json.lng(m, "id") == messageId).findFirst()
                .map(m -> ApiResponse.success(m.deepCopy()))
                .orElseThrow(() -> ApiException.notFound("Conversation message not found"));
    }

    private ApiResponse sendMessage(AccountState state, ApiRequest request, Matcher path) {
        long conversationId = pathId(path, 1);
        ObjectNode conversation = state.conversation(conversationId);
        ObjectNode body = objectBody(request);
        JsonNode text = body.get("body");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw ApiException.badRequest("Message body is required");
        }
        String type = body.hasNonNull("communicationType") ? body.get("communicationType").asText() : "email";
        if (!COMMUNICATION_TYPES.contains(type)) {
            throw ApiException.badRequest("communicationType must be one of email, channel, sms, whatsapp");
        }
        if (body.has("attachments")) {
            throw ApiException.badRequest("Attachments cannot be sent through the API");
        }
        state.requireNotArchived(Json.lng(conversation, "listingMapId"));
        LocalDateTime now = LocalDateTime.ofInstant(options.clock().instant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
        ObjectNode message = Conversations.newMessage(state, conversation, text.asText(), type, false, "sent", now);
        List<ObjectNode> conversationMessages = state.messages.computeIfAbsent(conversationId,
                k -> new ArrayList<>());
        Conversations.markSeen(conversationMessages);
        conversationMessages.add(message);
        Conversations.touch(conversation, message);
        ObjectNode reservation = state.reservations.get(Json.lng(conversation, "reservationId"));
        if (reservation != null) {
            reservation.put("latestActivityOn", today().toString());
        }
        return ApiResponse.success(message.deepCopy());
    }

    // ------------------------------------------------------------------------------------------------ finance

    private ApiResponse financeReport(AccountState state, ApiRequest request, Matcher path) {
        Map<String, List<String>> form = new LinkedHashMap<>(request.formFields());
        // also accept the fields as query parameters
        request.query.forEach(form::putIfAbsent);
        return FinanceReports.report(state, path.group(1), form);
    }
}
