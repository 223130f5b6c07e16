package com.hostmcp.standin.stripe;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The in-memory Stripe account behind the stand-in: customers, prices, Checkout and portal sessions,
 * subscriptions with items, invoices and the events they produce. Every public operation is
 * {@code synchronized} on the model, so the model is thread-safe; objects are answered as Jackson
 * trees in the shape of the Stripe API version {@link StripeStandIn#API_VERSION}.
 */
final class StripeModel {

    static final String PER_LISTING_PRICE_ID = "price_standin_per_listing";
    static final String PER_LISTING_PRODUCT_ID = "prod_standin_listing";
    static final String PER_LISTING_LOOKUP_KEY = "standin_per_listing_monthly";
    static final long DEFAULT_UNIT_AMOUNT = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long DAY = 86_400;

    /** Who asked: the API request being served, for an event's {@code request} field. */
    record RequestInfo(String requestId, String idempotencyKey) {
    }

    private final Clock clock;
    private final String baseUrl;
    private final ThreadLocal<RequestInfo> currentRequest = new ThreadLocal<>();
    private volatile Consumer<String> eventListener = event -> {
    };
    private long perListingUnitAmount = DEFAULT_UNIT_AMOUNT;
    private long sequence;

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, Price> prices = new LinkedHashMap<>();
    private final Map<String, CheckoutSession> checkoutSessions = new LinkedHashMap<>();
    private final Map<String, PortalSession> portalSessions = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, SubscriptionItem> subscriptionItems = new LinkedHashMap<>();
    private final Map<String, Invoice> invoices = new LinkedHashMap<>();
    private final Map<String, StoredEvent> events = new LinkedHashMap<>();

    StripeModel(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
        seed();
    }

    // ------------------------------------------------------------------ state

    static final class Customer {
        String id;
        long created;
        long seq;
        String email;
        String name;
        String description;
        String phone;
        Map<String, String> metadata = new LinkedHashMap<>();
        String currency;
        String invoicePrefix;
        int nextInvoiceSequence = 1;
    }

    static final class Product {
        String id;
        long created;
        long updated;
        long seq;
        String name;
        String description;
        boolean active = true;
        String defaultPrice;
        Map<String, String> metadata = new LinkedHashMap<>();
    }

    static final class Price {
        String id;
        long created;
        long seq;
        String productId;
        String currency;
        long unitAmount;
        /** day, week, month or year; {@code null} for a one-time price. */
        String interval;
        long intervalCount = 1;
        String nickname;
        String lookupKey;
        boolean active = true;
        Map<String, String> metadata = new LinkedHashMap<>();
    }

    static final class LineSpec {
        String id;
        String priceId;
        long quantity;
    }

    static final class CheckoutSession {
        String id;
        long created;
        long seq;
        long expiresAt;
        String mode;
        String customerId;
        String customerEmail;
        String clientReferenceId;
        String successUrl;
        String cancelUrl;
        String currency;
        String locale;
        String uiMode = "hosted";
        boolean allowPromotionCodes;
        boolean createsCustomer;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, String> subscriptionMetadata = new LinkedHashMap<>();
        Long trialPeriodDays;
        List<LineSpec> lineItems = new ArrayList<>();
        String status = "open";
        String paymentStatus = "unpaid";
        String subscriptionId;
        String invoiceId;
    }

    static final class PortalSession {
        String id;
        long created;
        String customerId;
        String returnUrl;
        String locale;
    }

    static final class Subscription {
        String id;
        long created;
        long seq;
        String customerId;
        String status;
        String currency;
        String description;
        List<SubscriptionItem> items = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        boolean cancelAtPeriodEnd;
        Long cancelAt;
        Long canceledAt;
        Long endedAt;
        String cancellationReason;
        String cancellationFeedback;
        String cancellationComment;
        String latestInvoiceId;
        long startDate;
        long billingCycleAnchor;
        Long trialStart;
        Long trialEnd;
        /** Pending invoice items (prorations) for the next invoice. */
        List<InvoiceLine> pendingItems = new ArrayList<>();
    }

    static final class SubscriptionItem {
        String id;
        long created;
        String subscriptionId;
        String priceId;
        long quantity;
        long periodStart;
        long periodEnd;
        Map<String, String> metadata = new LinkedHashMap<>();
    }

    static final class Invoice {
        String id;
        long created;
        long seq;
        String number;
        String customerId;
        String subscriptionId;
        String status;
        String billingReason;
        String currency;
        List<InvoiceLine> lines = new ArrayList<>();
        long amountPaid;
        int attemptCount;
        boolean attempted;
        long periodStart;
        long periodEnd;
        Long finalizedAt;
        Long paidAt;
        Long voidedAt;
        Long nextPaymentAttempt;
        Map<String, String> subscriptionMetadata = new LinkedHashMap<>();
        boolean preview;

        long total() {
            return lines.stream().mapToLong(l -> l.amount).sum();
        }

        long amountDue() {
            return Math.max(0, total());
        }
    }

    static final class InvoiceLine {
        String id;
        long amount;
        String currency;
        String description;
        long quantity;
        String priceId;
        long periodStart;
        long periodEnd;
        String subscriptionId;
        String subscriptionItemId;
        boolean proration;
        String invoiceItemId;
    }

    private record StoredEvent(String id, String type, long created, long seq, String json) {
    }

    // ------------------------------------------------------------------ configuration

    synchronized void setEventListener(Consumer<String> listener) {
        this.eventListener = listener == null ? event -> {
        } : listener;
    }

    synchronized void reset() {
        customers.clear();
        products.clear();
        prices.clear();
        checkoutSessions.clear();
        portalSessions.clear();
        subscriptions.clear();
        subscriptionItems.clear();
        invoices.clear();
        events.clear();
        seed();
    }

    synchronized void setPerListingUnitAmount(long unitAmount) {
        if (unitAmount < 0) {
            throw new IllegalArgumentException("unit amount must be >= 0");
        }
        this.perListingUnitAmount = unitAmount;
        Price price = prices.get(PER_LISTING_PRICE_ID);
        if (price != null) {
            price.unitAmount = unitAmount;
        }
    }

    synchronized long perListingUnitAmount() {
        return perListingUnitAmount;
    }

    void setCurrentRequest(RequestInfo info) {
        if (info == null) {
            currentRequest.remove();
        } else {
            currentRequest.set(info);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    private void seed() {
        long now = now();
        Product product = new Product();
        product.id = PER_LISTING_PRODUCT_ID;
        product.created = now;
        product.updated = now;
        product.seq = ++sequence;
        product.name = "HostMCP listing";
        product.description = "One connected Hostaway listing, billed monthly";
        product.defaultPrice = PER_LISTING_PRICE_ID;
        products.put(product.id, product);

        Price price = new Price();
        price.id = PER_LISTING_PRICE_ID;
        price.created = now;
        price.seq = ++sequence;
        price.productId = product.id;
        price.currency = "usd";
        price.unitAmount = perListingUnitAmount;
        price.interval = "month";
        price.nickname = "Per listing, monthly";
        price.lookupKey = PER_LISTING_LOOKUP_KEY;
        prices.put(price.id, price);
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    // ------------------------------------------------------------------ lookups

    private Customer customer(String id, String param) {
        return existing(customers, "customer", id, param);
    }

    private Price price(String id, String param) {
        return existing(prices, "price", id, param);
    }

    private Product product(String id, String param) {
        return existing(products, "product", id, param);
    }

    private Subscription subscription(String id, String param) {
        return existing(subscriptions, "subscription", id, param);
    }

    private SubscriptionItem subscriptionItem(String id, String param) {
        return existing(subscriptionItems, "subscription_item", id, param);
    }

    private Invoice invoice(String id, String param) {
        return existing(invoices, "invoice", id, param);
    }

    private CheckoutSession checkoutSession(String id, String param) {
        return existing(checkoutSessions, "checkout.session", id, param);
    }

    /** The object with this id, or Stripe's resource_missing error naming the parameter. */
    private static <T> T existing(Map<String, T> objects, String kind, String id, String param) {
        T found = id == null ? null : objects.get(id);
        if (found == null) {
            throw StripeApiError.noSuch(kind, id, param);
        }
        return found;
    }

    private PortalSession portalSession(String id) {
        return existing(portalSessions, "billing_portal.session", id, "session");
    }

    private static String required(FormParams params, String name) {
        String value = params.string(name);
        if (value == null || value.isEmpty()) {
            throw StripeApiError.missingParam(name);
        }
        return value;
    }

    private static String required(Map<String, Object> node, String name, String fullName) {
        String value = FormParams.string(node, name);
        if (value == null || value.isEmpty()) {
            throw StripeApiError.missingParam(fullName);
        }
        return value;
    }

    private static void applyMetadata(Map<String, String> target, Map<String, String> update) {
        if (update == null) {
            return;
        }
        if (update.isEmpty()) {
            target.clear();
            return;
        }
        update.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                target.remove(k);
            } else {
                target.put(k, v);
            }
        });
    }

    // ------------------------------------------------------------------ customers

    synchronized ObjectNode createCustomer(FormParams params) {
        Customer c = newCustomer(params.string("email"), params.string("name"));
        c.description = params.string("description");
        c.phone = params.string("phone");
        applyMetadata(c.metadata, params.stringMap("metadata"));
        ObjectNode json = customerJson(c);
        emit("customer.created", json, null);
        return json;
    }

    private Customer newCustomer(String email, String name) {
        Customer c = new Customer();
        c.id = StripeIds.next("cus_", 14);
        c.created = now();
        c.seq = ++sequence;
        c.email = email;
        c.name = name;
        c.invoicePrefix = c.id.substring(4, 12).toUpperCase(Locale.ROOT);
        customers.put(c.id, c);
        return c;
    }

    synchronized ObjectNode retrieveCustomer(String id) {
        return customerJson(customer(id, "id"));
    }

    synchronized ObjectNode updateCustomer(String id, FormParams params) {
        Customer c = customer(id, "id");
        if (params.has("email")) {
            c.email = emptyToNull(params.string("email"));
        }
        if (params.has("name")) {
            c.name = emptyToNull(params.string("name"));
        }
        if (params.has("description")) {
            c.description = emptyToNull(params.string("description"));
        }
        if (params.has("phone")) {
            c.phone = emptyToNull(params.string("phone"));
        }
        applyMetadata(c.metadata, params.stringMap("metadata"));
        ObjectNode json = customerJson(c);
        emit("customer.updated", json, null);
        return json;
    }

    synchronized ObjectNode listCustomers(FormParams params) {
        String email = params.string("email");
        List<ObjectNode> data = new ArrayList<>();
        customers.values().stream()
                .filter(c -> email == null || email.equalsIgnoreCase(c.email))
                .sorted(Comparator.comparingLong((Customer c) -> c.seq).reversed())
                .forEach(c -> data.add(customerJson(c)));
        return list("/v1/customers", data, params);
    }

    // ------------------------------------------------------------------ products and prices

    synchronized ObjectNode retrieveProduct(String id) {
        return productJson(product(id, "id"));
    }

    synchronized ObjectNode createProduct(FormParams params) {
        Product p = newProduct(required(params, "name"));
        p.description = params.string("description");
        applyMetadata(p.metadata, params.stringMap("metadata"));
        return productJson(p);
    }

    private Product newProduct(String name) {
        Product p = new Product();
        p.id = StripeIds.next("prod_", 14);
        p.created = now();
        p.updated = p.created;
        p.seq = ++sequence;
        p.name = name;
        products.put(p.id, p);
        return p;
    }

    synchronized ObjectNode retrievePrice(String id) {
        return priceJson(price(id, "price"));
    }

    synchronized ObjectNode createPrice(FormParams params) {
        String currency = required(params, "currency").toLowerCase(Locale.ROOT);
        Long unitAmount = params.longValue("unit_amount");
        if (unitAmount == null) {
            throw StripeApiError.missingParam("unit_amount");
        }
        String productId = params.string("product");
        Product product;
        if (productId != null) {
            product = product(productId, "product");
        } else {
            Map<String, Object> productData = params.map("product_data");
            if (productData == null) {
                throw StripeApiError.missingParam("product");
            }
            product = newProduct(required(productData, "name", "product_data[name]"));
        }
        Price p = new Price();
        p.id = StripeIds.next("price_");
        p.created = now();
        p.seq = ++sequence;
        p.productId = product.id;
        p.currency = currency;
        p.unitAmount = unitAmount;
        Map<String, Object> recurring = params.map("recurring");
        if (recurring != null) {
            p.interval = required(recurring, "interval", "recurring[interval]");
            if (!List.of("day", "week", "month", "year").contains(p.interval)) {
                throw StripeApiError.invalidRequest("Invalid recurring[interval]: must be one of day, week, month, or year",
                        "recurring[interval]");
            }
            Long count = FormParams.longValue(recurring, "interval_count");
            p.intervalCount = count == null ? 1 : count;
        }
        p.nickname = params.string("nickname");
        p.lookupKey = params.string("lookup_key");
        Boolean active = params.bool("active");
        p.active = active == null || active;
        applyMetadata(p.metadata, params.stringMap("metadata"));
        if (p.lookupKey != null) {
            String key = p.lookupKey;
            boolean taken = prices.values().stream().anyMatch(other -> key.equals(other.lookupKey));
            if (taken && !Boolean.TRUE.equals(params.bool("transfer_lookup_key"))) {
                throw StripeApiError.invalidRequest(
                        "A price (`" + prices.values().stream().filter(o -> key.equals(o.lookupKey)).findFirst().get().id
                                + "`) already uses that lookup key.",
                        "lookup_key");
            }
            prices.values().forEach(other -> {
                if (key.equals(other.lookupKey)) {
                    other.lookupKey = null;
                }
            });
        }
        prices.put(p.id, p);
        return priceJson(p);
    }

    synchronized ObjectNode listPrices(FormParams params) {
        Boolean active = params.bool("active");
        String product = params.string("product");
        String type = params.string("type");
        List<String> lookupKeys = params.strings("lookup_keys");
        List<ObjectNode> data = new ArrayList<>();
        prices.values().stream()
                .filter(p -> active == null || p.active == active)
                .filter(p -> product == null || product.equals(p.productId))
                .filter(p -> type == null || type.equals(p.interval == null ? "one_time" : "recurring"))
                .filter(p -> lookupKeys.isEmpty() || lookupKeys.contains(p.lookupKey))
                .sorted(Comparator.comparingLong((Price p) -> p.seq).reversed())
                .forEach(p -> data.add(priceJson(p)));
        return list("/v1/prices", data, params);
    }

    // ------------------------------------------------------------------ checkout

    synchronized ObjectNode createCheckoutSession(FormParams params) {
        String mode = required(params, "mode");
        if (!List.of("subscription", "payment", "setup").contains(mode)) {
            throw StripeApiError.invalidRequest("Invalid mode: must be one of payment, setup, or subscription", "mode");
        }
        CheckoutSession s = new CheckoutSession();
        s.id = StripeIds.next("cs_test_", 58);
        s.created = now();
        s.seq = ++sequence;
        s.expiresAt = s.created + DAY;
        s.mode = mode;
        String customerId = params.string("customer");
        String email = params.string("customer_email");
        if (customerId != null && email != null) {
            throw StripeApiError.invalidRequest("You may only specify one of these parameters: customer, customer_email.",
                    "customer_email");
        }
        if (customerId != null) {
            customer(customerId, "customer");
        }
        s.customerId = customerId;
        s.createsCustomer = customerId == null;
        s.customerEmail = email;
        s.clientReferenceId = params.string("client_reference_id");
        s.successUrl = params.string("success_url");
        s.cancelUrl = params.string("cancel_url");
        s.locale = params.string("locale");
        if (params.string("ui_mode") != null) {
            s.uiMode = params.string("ui_mode");
        }
        s.allowPromotionCodes = Boolean.TRUE.equals(params.bool("allow_promotion_codes"));
        applyMetadata(s.metadata, params.stringMap("metadata"));
        Map<String, Object> subscriptionData = params.map("subscription_data");
        if (subscriptionData != null) {
            if (!"subscription".equals(mode)) {
                throw StripeApiError.invalidRequest("You can only specify `subscription_data` in `subscription` mode.",
                        "subscription_data");
            }
            applyMetadata(s.subscriptionMetadata, FormParams.stringMap(subscriptionData, "metadata"));
            s.trialPeriodDays = FormParams.longValue(subscriptionData, "trial_period_days");
        }
        List<Object> lineItems = params.list("line_items");
        if (!"setup".equals(mode) && (lineItems == null || lineItems.isEmpty())) {
            throw StripeApiError.missingParam("line_items");
        }
        if (lineItems != null) {
            for (int i = 0; i < lineItems.size(); i++) {
                if (!(lineItems.get(i) instanceof Map)) {
                    throw StripeApiError.invalidRequest("Invalid line_items[" + i + "]: must be an object",
                            "line_items[" + i + "]");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> item = (Map<String, Object>) lineItems.get(i);
                String prefix = "line_items[" + i + "]";
                Price price = price(required(item, "price", prefix + "[price]"), prefix + "[price]");
                if ("subscription".equals(mode) && price.interval == null) {
                    throw StripeApiError.invalidRequest(
                            "You must specify at least one recurring price in `subscription` mode when using prices.",
                            prefix + "[price]");
                }
                Long quantity = FormParams.longValue(item, "quantity");
                if (quantity == null) {
                    throw StripeApiError.missingParam(prefix + "[quantity]");
                }
                if (quantity < 1) {
                    throw StripeApiError.invalidRequest("Quantity must be at least 1.", prefix + "[quantity]");
                }
                if (s.currency != null && !s.currency.equals(price.currency)) {
                    throw StripeApiError.invalidRequest("All prices must use the same currency.", prefix + "[price]");
                }
                s.currency = price.currency;
                LineSpec spec = new LineSpec();
                spec.id = StripeIds.next("li_");
                spec.priceId = price.id;
                spec.quantity = quantity;
                s.lineItems.add(spec);
            }
        }
        checkoutSessions.put(s.id, s);
        return checkoutSessionJson(s);
    }

    synchronized ObjectNode retrieveCheckoutSession(String id) {
        return checkoutSessionJson(checkoutSession(id, "session"));
    }

    synchronized ObjectNode checkoutSessionLineItems(String id, FormParams params) {
        CheckoutSession s = checkoutSession(id, "session");
        return list("/v1/checkout/sessions/" + s.id + "/line_items", lineItemsData(s), params);
    }

    synchronized ObjectNode listCheckoutSessions(FormParams params) {
        String customer = params.string("customer");
        String subscription = params.string("subscription");
        String status = params.string("status");
        List<ObjectNode> data = new ArrayList<>();
        checkoutSessions.values().stream()
                .filter(s -> customer == null || customer.equals(s.customerId))
                .filter(s -> subscription == null || subscription.equals(s.subscriptionId))
                .filter(s -> status == null || status.equals(s.status))
                .sorted(Comparator.comparingLong((CheckoutSession s) -> s.seq).reversed())
                .forEach(s -> data.add(checkoutSessionJson(s)));
        return list("/v1/checkout/sessions", data, params);
    }

    synchronized ObjectNode expireCheckoutSession(String id) {
        CheckoutSession s = checkoutSession(id, "session");
        if (!"open".equals(s.status)) {
            throw StripeApiError.invalidRequest("Only Checkout Sessions with a status of `open` can be expired.", null);
        }
        s.status = "expired";
        ObjectNode json = checkoutSessionJson(s);
        emit("checkout.session.expired", json, null);
        return json;
    }

    /**
     * The customer pays: creates the customer if needed, the subscription and its first (paid) invoice,
     * and answers the {@code checkout.session.completed} event.
     */
    synchronized String completeCheckout(String id) {
        CheckoutSession s = checkoutSession(id, "session");
        if (!"open".equals(s.status)) {
            throw StripeApiError.invalidRequest("Checkout Session " + id + " is " + s.status + ", not open", null);
        }
        Customer customer;
        if (s.customerId != null) {
            customer = customer(s.customerId, "customer");
        } else {
            String email = s.customerEmail != null ? s.customerEmail : "standin+" + s.id.substring(8, 16) + "@example.com";
            customer = newCustomer(email, null);
            emit("customer.created", customerJson(customer), null);
            s.customerId = customer.id;
        }
        if ("subscription".equals(s.mode)) {
            List<LineSpec> specs = s.lineItems;
            Subscription sub = createSubscription(customer, specs, s.subscriptionMetadata, s.trialPeriodDays);
            s.subscriptionId = sub.id;
            s.invoiceId = sub.latestInvoiceId;
            s.paymentStatus = s.trialPeriodDays != null && s.trialPeriodDays > 0 ? "no_payment_required" : "paid";
        } else if ("payment".equals(s.mode)) {
            s.paymentStatus = "paid";
        } else {
            s.paymentStatus = "no_payment_required";
        }
        s.status = "complete";
        return emit("checkout.session.completed", checkoutSessionJson(s), null);
    }

    // ------------------------------------------------------------------ billing portal

    synchronized ObjectNode createPortalSession(FormParams params) {
        Customer c = customer(required(params, "customer"), "customer");
        PortalSession ps = new PortalSession();
        ps.id = StripeIds.next("bps_");
        ps.created = now();
        ps.customerId = c.id;
        ps.returnUrl = params.string("return_url");
        ps.locale = params.string("locale");
        portalSessions.put(ps.id, ps);
        return portalSessionJson(ps);
    }

    synchronized PortalSession portalSessionForPage(String id) {
        return portalSession(id);
    }

    // ------------------------------------------------------------------ subscriptions

    private Subscription createSubscription(Customer customer, List<LineSpec> specs, Map<String, String> metadata,
            Long trialDays) {
        long now = now();
        Subscription sub = new Subscription();
        sub.id = StripeIds.next("sub_");
        sub.created = now;
        sub.seq = ++sequence;
        sub.customerId = customer.id;
        sub.startDate = now;
        sub.billingCycleAnchor = now;
        sub.metadata.putAll(metadata);
        boolean trial = trialDays != null && trialDays > 0;
        if (trial) {
            sub.status = "trialing";
            sub.trialStart = now;
            sub.trialEnd = now + trialDays * DAY;
            sub.billingCycleAnchor = sub.trialEnd;
        } else {
            sub.status = "active";
        }
        for (LineSpec spec : specs) {
            Price price = price(spec.priceId, "price");
            sub.currency = price.currency;
            SubscriptionItem item = new SubscriptionItem();
            item.id = StripeIds.next("si_", 14);
            item.created = now;
            item.subscriptionId = sub.id;
            item.priceId = price.id;
            item.quantity = spec.quantity;
            item.periodStart = now;
            item.periodEnd = trial ? sub.trialEnd : addInterval(now, price);
            sub.items.add(item);
            subscriptionItems.put(item.id, item);
        }
        if (customer.currency == null) {
            customer.currency = sub.currency;
        }
        subscriptions.put(sub.id, sub);

        Invoice inv = newInvoice(sub, "subscription_create", now, now);
        for (SubscriptionItem item : sub.items) {
            InvoiceLine line = itemLine(sub, item, item.periodStart, item.periodEnd);
            if (trial) {
                line.amount = 0;
                line.description = "Trial period for " + productName(price(item.priceId, "price"));
            }
            inv.lines.add(line);
        }
        finalizeInvoice(inv);
        sub.latestInvoiceId = inv.id;
        emit("customer.subscription.created", subscriptionJson(sub), null);
        emitInvoiceCreatedAndFinalized(inv);
        markPaid(inv);
        return sub;
    }

    synchronized ObjectNode createSubscriptionFromApi(FormParams params) {
        Customer customer = customer(required(params, "customer"), "customer");
        List<Object> items = params.list("items");
        if (items == null || items.isEmpty()) {
            throw StripeApiError.missingParam("items");
        }
        List<LineSpec> specs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = items.get(i) instanceof Map ? (Map<String, Object>) items.get(i) : Map.of();
            String prefix = "items[" + i + "]";
            LineSpec spec = new LineSpec();
            spec.priceId = price(required(item, "price", prefix + "[price]"), prefix + "[price]").id;
            Long quantity = FormParams.longValue(item, "quantity");
            spec.quantity = quantity == null ? 1 : quantity;
            specs.add(spec);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        applyMetadata(metadata, params.stringMap("metadata"));
        Subscription sub = createSubscription(customer, specs, metadata, params.longValue("trial_period_days"));
        return subscriptionJson(sub);
    }

    synchronized ObjectNode retrieveSubscription(String id) {
        return subscriptionJson(subscription(id, "id"));
    }

    synchronized ObjectNode listSubscriptions(FormParams params) {
        String customer = params.string("customer");
        String status = params.string("status");
        String price = params.string("price");
        Predicate<Subscription> statusFilter;
        if (status == null) {
            statusFilter = s -> !"canceled".equals(s.status) && !"incomplete_expired".equals(s.status);
        } else if ("all".equals(status)) {
            statusFilter = s -> true;
        } else if ("ended".equals(status)) {
            statusFilter = s -> "canceled".equals(s.status) || "incomplete_expired".equals(s.status);
        } else {
            statusFilter = s -> status.equals(s.status);
        }
        List<ObjectNode> data = new ArrayList<>();
        subscriptions.values().stream()
                .filter(s -> customer == null || customer.equals(s.customerId))
                .filter(statusFilter)
                .filter(s -> price == null || s.items.stream().anyMatch(i -> price.equals(i.priceId)))
                .sorted(Comparator.comparingLong((Subscription s) -> s.seq).reversed())
                .forEach(s -> data.add(subscriptionJson(s)));
        return list("/v1/subscriptions", data, params);
    }

    synchronized ObjectNode updateSubscription(String id, FormParams params) {
        Subscription sub = subscription(id, "id");
        ObjectNode before = subscriptionJson(sub);
        if ("canceled".equals(sub.status)) {
            for (Map.Entry<String, Object> entry : params.root().entrySet()) {
                if (!List.of("metadata", "cancellation_details", "expand").contains(entry.getKey())) {
                    throw StripeApiError.invalidRequest(
                            "A canceled subscription can only update its cancellation_details and metadata.", null);
                }
            }
        }
        String proration = prorationBehavior(params.string("proration_behavior"), "proration_behavior");
        Boolean cancelAtPeriodEnd = params.bool("cancel_at_period_end");
        if (cancelAtPeriodEnd != null) {
            setCancelAtPeriodEnd(sub, cancelAtPeriodEnd);
        }
        if (params.has("cancel_at")) {
            Long cancelAt = params.longValue("cancel_at");
            sub.cancelAt = cancelAt;
            sub.canceledAt = cancelAt == null ? null : now();
            sub.cancellationReason = cancelAt == null ? null : "cancellation_requested";
        }
        Map<String, Object> details = params.map("cancellation_details");
        if (details != null) {
            if (details.containsKey("comment")) {
                sub.cancellationComment = emptyToNull(FormParams.string(details, "comment"));
            }
            if (details.containsKey("feedback")) {
                sub.cancellationFeedback = emptyToNull(FormParams.string(details, "feedback"));
            }
        }
        if (params.has("description")) {
            sub.description = emptyToNull(params.string("description"));
        }
        applyMetadata(sub.metadata, params.stringMap("metadata"));
        List<Object> items = params.list("items");
        if (items != null) {
            List<InvoiceLine> prorations = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> item = items.get(i) instanceof Map ? (Map<String, Object>) items.get(i) : Map.of();
                String prefix = "items[" + i + "]";
                String itemId = FormParams.string(item, "id");
                Long quantity = FormParams.longValue(item, "quantity");
                String priceId = FormParams.string(item, "price");
                if (itemId == null) {
                    Price price = price(required(item, "price", prefix + "[price]"), prefix + "[price]");
                    SubscriptionItem added = addItem(sub, price, quantity == null ? 1 : quantity);
                    applyMetadata(added.metadata, FormParams.stringMap(item, "metadata"));
                    prorations.addAll(prorate(sub, added, 0, price, added.quantity, price, proration));
                    continue;
                }
                SubscriptionItem existing = subscriptionItem(itemId, prefix + "[id]");
                if (!existing.subscriptionId.equals(sub.id)) {
                    throw StripeApiError.invalidRequest(
                            "Subscription item " + itemId + " does not belong to subscription " + sub.id, prefix + "[id]");
                }
                applyMetadata(existing.metadata, FormParams.stringMap(item, "metadata"));
                if (Boolean.TRUE.equals(FormParams.bool(item, "deleted"))) {
                    Price oldPrice = price(existing.priceId, "price");
                    prorations.addAll(prorate(sub, existing, existing.quantity, oldPrice, 0, oldPrice, proration));
                    sub.items.remove(existing);
                    subscriptionItems.remove(existing.id);
                    continue;
                }
                prorations.addAll(changeItem(sub, existing, quantity, priceId, proration, prefix));
            }
            if (sub.items.isEmpty()) {
                throw StripeApiError.invalidRequest("A subscription must have at least one active plan.", "items");
            }
            applyProrations(sub, prorations, proration);
        }
        ObjectNode after = subscriptionJson(sub);
        emitUpdated(before, after);
        return after;
    }

    private void setCancelAtPeriodEnd(Subscription sub, boolean cancel) {
        sub.cancelAtPeriodEnd = cancel;
        if (cancel) {
            sub.cancelAt = currentPeriodEnd(sub);
            sub.canceledAt = now();
            sub.cancellationReason = "cancellation_requested";
        } else {
            sub.cancelAt = null;
            sub.canceledAt = null;
            sub.cancellationReason = null;
        }
    }

    /** Billing-portal actions: cancel at period end, or take the cancellation back. */
    synchronized String portalSetCancelAtPeriodEnd(String portalSessionId, String subscriptionId, boolean cancel) {
        PortalSession ps = portalSession(portalSessionId);
        Subscription sub = subscription(subscriptionId, "subscription");
        if (!sub.customerId.equals(ps.customerId) || "canceled".equals(sub.status)) {
            throw StripeApiError.invalidRequest("Subscription " + subscriptionId + " cannot be changed here", null);
        }
        ObjectNode before = subscriptionJson(sub);
        setCancelAtPeriodEnd(sub, cancel);
        ObjectNode after = subscriptionJson(sub);
        return emitUpdated(before, after);
    }

    /** Billing-portal action: change the quantity of a one-item subscription (prorated). */
    synchronized String portalSetQuantity(String portalSessionId, String subscriptionId, long quantity) {
        PortalSession ps = portalSession(portalSessionId);
        Subscription sub = subscription(subscriptionId, "subscription");
        if (!sub.customerId.equals(ps.customerId) || "canceled".equals(sub.status) || sub.items.isEmpty()) {
            throw StripeApiError.invalidRequest("Subscription " + subscriptionId + " cannot be changed here", null);
        }
        ObjectNode before = subscriptionJson(sub);
        List<InvoiceLine> prorations = changeItem(sub, sub.items.get(0), quantity, null, "create_prorations", "quantity");
        applyProrations(sub, prorations, "create_prorations");
        ObjectNode after = subscriptionJson(sub);
        return emitUpdated(before, after);
    }

    synchronized ObjectNode cancelSubscription(String id, FormParams params) {
        Subscription sub = subscription(id, "id");
        if ("canceled".equals(sub.status)) {
            throw StripeApiError.invalidRequest(
                    "A canceled subscription can only update its cancellation_details and metadata.", null);
        }
        Map<String, Object> details = params.map("cancellation_details");
        if (details != null) {
            sub.cancellationComment = emptyToNull(FormParams.string(details, "comment"));
            sub.cancellationFeedback = emptyToNull(FormParams.string(details, "feedback"));
        }
        return cancelNow(sub);
    }

    private ObjectNode cancelNow(Subscription sub) {
        long now = now();
        sub.status = "canceled";
        if (sub.canceledAt == null) {
            sub.canceledAt = now;
        }
        sub.endedAt = now;
        sub.cancelAt = null;
        sub.cancelAtPeriodEnd = false;
        sub.cancellationReason = "cancellation_requested";
        ObjectNode json = subscriptionJson(sub);
        emit("customer.subscription.deleted", json, null);
        return json;
    }

    // ------------------------------------------------------------------ subscription items

    synchronized ObjectNode retrieveSubscriptionItem(String id) {
        return subscriptionItemJson(subscriptionItem(id, "id"));
    }

    synchronized ObjectNode listSubscriptionItems(FormParams params) {
        Subscription sub = subscription(required(params, "subscription"), "subscription");
        List<ObjectNode> data = new ArrayList<>();
        sub.items.forEach(i -> data.add(subscriptionItemJson(i)));
        return list("/v1/subscription_items", data, params);
    }

    synchronized ObjectNode updateSubscriptionItem(String id, FormParams params) {
        SubscriptionItem item = subscriptionItem(id, "id");
        Subscription sub = subscription(item.subscriptionId, "subscription");
        if ("canceled".equals(sub.status)) {
            throw StripeApiError.invalidRequest("You cannot update a subscription item of a canceled subscription.", null);
        }
        String proration = prorationBehavior(params.string("proration_behavior"), "proration_behavior");
        ObjectNode before = subscriptionJson(sub);
        applyMetadata(item.metadata, params.stringMap("metadata"));
        List<InvoiceLine> prorations = changeItem(sub, item, params.longValue("quantity"), params.string("price"), proration,
                null);
        applyProrations(sub, prorations, proration);
        ObjectNode after = subscriptionJson(sub);
        emitUpdated(before, after);
        return subscriptionItemJson(item);
    }

    private static String prorationBehavior(String value, String param) {
        if (value == null || value.isEmpty()) {
            return "create_prorations";
        }
        if (!List.of("create_prorations", "none", "always_invoice").contains(value)) {
            throw StripeApiError.invalidRequest(
                    "Invalid " + param + ": must be one of create_prorations, none, or always_invoice", param);
        }
        return value;
    }

    private SubscriptionItem addItem(Subscription sub, Price price, long quantity) {
        SubscriptionItem item = new SubscriptionItem();
        item.id = StripeIds.next("si_", 14);
        item.created = now();
        item.subscriptionId = sub.id;
        item.priceId = price.id;
        item.quantity = quantity;
        SubscriptionItem first = sub.items.isEmpty() ? null : sub.items.get(0);
        item.periodStart = first == null ? now() : first.periodStart;
        item.periodEnd = first == null ? addInterval(now(), price) : first.periodEnd;
        sub.items.add(item);
        subscriptionItems.put(item.id, item);
        return item;
    }

    private List<InvoiceLine> changeItem(Subscription sub, SubscriptionItem item, Long quantity, String priceId,
            String proration, String paramPrefix) {
        if (quantity != null && quantity < 0) {
            throw StripeApiError.invalidRequest("Invalid quantity: must be >= 0",
                    paramPrefix == null ? "quantity" : paramPrefix + "[quantity]");
        }
        Price oldPrice = price(item.priceId, "price");
        Price newPrice = priceId == null ? oldPrice
                : price(priceId, paramPrefix == null ? "price" : paramPrefix + "[price]");
        long oldQuantity = item.quantity;
        long newQuantity = quantity == null ? oldQuantity : quantity;
        List<InvoiceLine> lines = prorate(sub, item, oldQuantity, oldPrice, newQuantity, newPrice, proration);
        item.quantity = newQuantity;
        item.priceId = newPrice.id;
        return lines;
    }

    /**
     * Proration lines for a change inside the current period: credit for the unused time at the old
     * quantity and price, charge for the remaining time at the new ones.
     */
    private List<InvoiceLine> prorate(Subscription sub, SubscriptionItem item, long oldQuantity, Price oldPrice,
            long newQuantity, Price newPrice, String proration) {
        List<InvoiceLine> lines = new ArrayList<>();
        if ("none".equals(proration) || "trialing".equals(sub.status)
                || (oldQuantity == newQuantity && oldPrice.id.equals(newPrice.id))) {
            return lines;
        }
        long now = now();
        long start = item.periodStart;
        long end = item.periodEnd;
        if (end <= start || now >= end) {
            return lines;
        }
        double remaining = (double) (end - Math.max(now, start)) / (double) (end - start);
        String date = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
                .format(Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC));
        if (oldQuantity > 0) {
            InvoiceLine credit = prorationLine(sub, item, oldPrice, oldQuantity, now, end);
            credit.amount = -Math.round(oldQuantity * oldPrice.unitAmount * remaining);
            credit.description = "Unused time on " + oldQuantity + " × " + productName(oldPrice) + " after " + date;
            lines.add(credit);
        }
        if (newQuantity > 0) {
            InvoiceLine charge = prorationLine(sub, item, newPrice, newQuantity, now, end);
            charge.amount = Math.round(newQuantity * newPrice.unitAmount * remaining);
            charge.description = "Remaining time on " + newQuantity + " × " + productName(newPrice) + " after " + date;
            lines.add(charge);
        }
        return lines;
    }

    private InvoiceLine prorationLine(Subscription sub, SubscriptionItem item, Price price, long quantity, long start,
            long end) {
        InvoiceLine line = new InvoiceLine();
        line.id = StripeIds.next("il_");
        line.currency = price.currency;
        line.quantity = quantity;
        line.priceId = price.id;
        line.periodStart = start;
        line.periodEnd = end;
        line.subscriptionId = sub.id;
        line.subscriptionItemId = item.id;
        line.proration = true;
        line.invoiceItemId = StripeIds.next("ii_");
        return line;
    }

    private void applyProrations(Subscription sub, List<InvoiceLine> prorations, String behavior) {
        if (prorations.isEmpty()) {
            return;
        }
        if ("always_invoice".equals(behavior)) {
            long now = now();
            Invoice inv = newInvoice(sub, "subscription_update", now, now);
            inv.lines.addAll(sub.pendingItems);
            sub.pendingItems.clear();
            inv.lines.addAll(prorations);
            finalizeInvoice(inv);
            sub.latestInvoiceId = inv.id;
            emitInvoiceCreatedAndFinalized(inv);
            markPaid(inv);
        } else {
            sub.pendingItems.addAll(prorations);
        }
    }

    // ------------------------------------------------------------------ invoices

    private Invoice newInvoice(Subscription sub, String billingReason, long periodStart, long periodEnd) {
        Customer customer = customer(sub.customerId, "customer");
        Invoice inv = new Invoice();
        inv.id = StripeIds.next("in_");
        inv.created = now();
        inv.seq = ++sequence;
        inv.customerId = customer.id;
        inv.subscriptionId = sub.id;
        inv.billingReason = billingReason;
        inv.currency = sub.currency;
        inv.status = "draft";
        inv.periodStart = periodStart;
        inv.periodEnd = periodEnd;
        inv.subscriptionMetadata.putAll(sub.metadata);
        invoices.put(inv.id, inv);
        return inv;
    }

    private InvoiceLine itemLine(Subscription sub, SubscriptionItem item, long start, long end) {
        Price price = price(item.priceId, "price");
        InvoiceLine line = new InvoiceLine();
        line.id = StripeIds.next("il_");
        line.currency = price.currency;
        line.quantity = item.quantity;
        line.priceId = price.id;
        line.amount = item.quantity * price.unitAmount;
        line.periodStart = start;
        line.periodEnd = end;
        line.subscriptionId = sub.id;
        line.subscriptionItemId = item.id;
        line.description = item.quantity + " × " + productName(price) + " (at " + money(price.unitAmount, price.currency)
                + (price.interval == null ? "" : " / " + price.interval) + ")";
        return line;
    }

    private void finalizeInvoice(Invoice inv) {
        Customer customer = customer(inv.customerId, "customer");
        inv.status = "open";
        inv.finalizedAt = now();
        inv.number = customer.invoicePrefix + "-" + String.format(Locale.ROOT, "%04d", customer.nextInvoiceSequence++);
    }

    private void emitInvoiceCreatedAndFinalized(Invoice inv) {
        emit("invoice.created", invoiceJson(inv), null);
        emit("invoice.finalized", invoiceJson(inv), null);
    }

    /** Marks an open invoice paid and answers the {@code invoice.paid} event. */
    private String markPaid(Invoice inv) {
        inv.status = "paid";
        inv.attempted = true;
        inv.attemptCount = Math.max(1, inv.attemptCount + (inv.amountDue() > 0 ? 1 : 0));
        inv.amountPaid = inv.amountDue();
        inv.paidAt = now();
        inv.nextPaymentAttempt = null;
        String paid = emit("invoice.paid", invoiceJson(inv), null);
        emit("invoice.payment_succeeded", invoiceJson(inv), null);
        return paid;
    }

    synchronized ObjectNode retrieveInvoice(String id) {
        return invoiceJson(invoice(id, "invoice"));
    }

    synchronized ObjectNode invoiceLines(String id, FormParams params) {
        Invoice inv = invoice(id, "invoice");
        List<ObjectNode> data = new ArrayList<>();
        inv.lines.forEach(l -> data.add(invoiceLineJson(inv, l)));
        return list("/v1/invoices/" + inv.id + "/lines", data, params);
    }

    synchronized ObjectNode listInvoices(FormParams params) {
        String customer = params.string("customer");
        String subscription = params.string("subscription");
        String status = params.string("status");
        List<ObjectNode> data = new ArrayList<>();
        invoices.values().stream()
                .filter(i -> !i.preview)
                .filter(i -> customer == null || customer.equals(i.customerId))
                .filter(i -> subscription == null || subscription.equals(i.subscriptionId))
                .filter(i -> status == null || status.equals(i.status))
                .sorted(Comparator.comparingLong((Invoice i) -> i.seq).reversed())
                .forEach(i -> data.add(invoiceJson(i)));
        return list("/v1/invoices", data, params);
    }

    synchronized ObjectNode payInvoiceFromApi(String id) {
        Invoice inv = invoice(id, "invoice");
        if ("paid".equals(inv.status)) {
            throw new StripeApiError(400, "invalid_request_error", "invoice_already_paid", "Invoice is already paid", null);
        }
        if (!"open".equals(inv.status)) {
            throw StripeApiError.invalidRequest("You can only pay an invoice that is open; this one is " + inv.status, null);
        }
        payOpenInvoice(inv);
        return invoiceJson(inv);
    }

    /**
     * The next invoice of a subscription, not yet created: pending prorations plus the next period at the
     * current (or the requested, via {@code subscription_details[items]}) quantities.
     */
    synchronized ObjectNode createPreview(FormParams params) {
        String subscriptionId = params.string("subscription");
        String customerId = params.string("customer");
        Map<String, Object> details = params.map("subscription_details");
        List<Object> detailItems = details == null ? null : FormParams.list(details, "items");
        if (subscriptionId == null && (detailItems == null || detailItems.isEmpty())) {
            throw StripeApiError.missingParam("subscription");
        }
        long now = now();
        Invoice preview = new Invoice();
        preview.id = "upcoming_" + StripeIds.next("in_");
        preview.preview = true;
        preview.status = "draft";
        preview.billingReason = "upcoming";
        preview.seq = ++sequence;
        if (subscriptionId != null) {
            Subscription sub = subscription(subscriptionId, "subscription");
            if (customerId != null && !customerId.equals(sub.customerId)) {
                throw StripeApiError.invalidRequest(
                        "The subscription " + sub.id + " does not belong to customer " + customerId, "customer");
            }
            if ("canceled".equals(sub.status) || sub.cancelAtPeriodEnd) {
                throw new StripeApiError(400, "invalid_request_error", "invoice_upcoming_none",
                        "No upcoming invoices for customer: " + sub.customerId, null);
            }
            String proration = prorationBehavior(FormParams.string(details, "proration_behavior"),
                    "subscription_details[proration_behavior]");
            preview.customerId = sub.customerId;
            preview.subscriptionId = sub.id;
            preview.currency = sub.currency;
            preview.subscriptionMetadata.putAll(sub.metadata);
            long periodEnd = currentPeriodEnd(sub);
            preview.periodStart = currentPeriodStart(sub);
            preview.periodEnd = periodEnd;
            preview.created = periodEnd;
            preview.nextPaymentAttempt = periodEnd;
            preview.lines.addAll(sub.pendingItems);
            Map<String, long[]> quantities = new LinkedHashMap<>();
            Map<String, String> priceIds = new LinkedHashMap<>();
            for (SubscriptionItem item : sub.items) {
                quantities.put(item.id, new long[] { item.quantity });
                priceIds.put(item.id, item.priceId);
            }
            if (detailItems != null) {
                for (int i = 0; i < detailItems.size(); i++) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> item = detailItems.get(i) instanceof Map ? (Map<String, Object>) detailItems.get(i)
                            : Map.of();
                    String prefix = "subscription_details[items][" + i + "]";
                    String itemId = FormParams.string(item, "id");
                    if (itemId == null) {
                        continue;
                    }
                    SubscriptionItem existing = subscriptionItem(itemId, prefix + "[id]");
                    Long quantity = FormParams.longValue(item, "quantity");
                    String priceId = FormParams.string(item, "price");
                    Price oldPrice = price(existing.priceId, "price");
                    Price newPrice = priceId == null ? oldPrice : price(priceId, prefix + "[price]");
                    long newQuantity = Boolean.TRUE.equals(FormParams.bool(item, "deleted")) ? 0
                            : quantity == null ? existing.quantity : quantity;
                    preview.lines.addAll(prorate(sub, existing, existing.quantity, oldPrice, newQuantity, newPrice,
                            proration));
                    quantities.put(existing.id, new long[] { newQuantity });
                    priceIds.put(existing.id, newPrice.id);
                }
            }
            for (SubscriptionItem item : sub.items) {
                long quantity = quantities.get(item.id)[0];
                if (quantity == 0) {
                    continue;
                }
                SubscriptionItem next = new SubscriptionItem();
                next.id = item.id;
                next.priceId = priceIds.get(item.id);
                next.quantity = quantity;
                Price price = price(next.priceId, "price");
                preview.lines.add(itemLine(sub, next, item.periodEnd, addInterval(item.periodEnd, price)));
            }
        } else {
            Customer customer = customer(required(params, "customer"), "customer");
            preview.customerId = customer.id;
            preview.created = now;
            preview.periodStart = now;
            preview.periodEnd = now;
            Subscription draft = new Subscription();
            draft.id = null;
            for (int i = 0; i < detailItems.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> item = detailItems.get(i) instanceof Map ? (Map<String, Object>) detailItems.get(i)
                        : Map.of();
                String prefix = "subscription_details[items][" + i + "]";
                Price price = price(required(item, "price", prefix + "[price]"), prefix + "[price]");
                Long quantity = FormParams.longValue(item, "quantity");
                SubscriptionItem next = new SubscriptionItem();
                next.priceId = price.id;
                next.quantity = quantity == null ? 1 : quantity;
                preview.currency = price.currency;
                preview.lines.add(itemLine(draft, next, now, addInterval(now, price)));
            }
        }
        return invoiceJson(preview);
    }

    // ------------------------------------------------------------------ simulations (test helpers)

    /** A renewal payment fails: a new open invoice (or another attempt on the open one); past_due. */
    synchronized String failPayment(String subscriptionId) {
        Subscription sub = subscription(subscriptionId, "subscription");
        requireNotCanceled(sub);
        ObjectNode before = subscriptionJson(sub);
        Invoice inv = openLatestInvoice(sub);
        if (inv == null) {
            inv = renewalInvoice(sub);
        }
        inv.attempted = true;
        inv.attemptCount++;
        inv.nextPaymentAttempt = now() + 3 * DAY;
        if (!"past_due".equals(sub.status)) {
            sub.status = "past_due";
        }
        String failed = emit("invoice.payment_failed", invoiceJson(inv), null);
        ObjectNode after = subscriptionJson(sub);
        ObjectNode previous = previousAttributes(before, after);
        if (previous.size() > 0) {
            emit("customer.subscription.updated", after, previous);
        }
        return failed;
    }

    /** A payment succeeds: pays the open invoice if any, otherwise the next renewal; active. */
    synchronized String succeedPayment(String subscriptionId) {
        Subscription sub = subscription(subscriptionId, "subscription");
        requireNotCanceled(sub);
        Invoice inv = openLatestInvoice(sub);
        if (inv == null) {
            ObjectNode before = subscriptionJson(sub);
            inv = renewalInvoice(sub);
            sub.status = "active";
            String paid = markPaid(inv);
            ObjectNode after = subscriptionJson(sub);
            emitUpdated(before, after);
            return paid;
        }
        return payOpenInvoice(inv);
    }

    /** Pays an open invoice; a past_due subscription becomes active. Answers {@code invoice.paid}. */
    synchronized String payInvoice(String invoiceId) {
        Invoice inv = invoice(invoiceId, "invoice");
        if (!"open".equals(inv.status)) {
            throw StripeApiError.invalidRequest("Invoice " + invoiceId + " is " + inv.status + ", not open", null);
        }
        return payOpenInvoice(inv);
    }

    /** Answers the {@code invoice.finalized} event of an invoice (finalizing a draft first). */
    synchronized String invoiceFinalized(String invoiceId) {
        Invoice inv = invoice(invoiceId, "invoice");
        if ("draft".equals(inv.status)) {
            finalizeInvoice(inv);
        }
        return emit("invoice.finalized", invoiceJson(inv), null);
    }

    /**
     * A {@code customer.subscription.*} event for the subscription as it is now;
     * {@code customer.subscription.deleted} cancels it first.
     */
    synchronized String subscriptionEvent(String type, String subscriptionId) {
        Subscription sub = subscription(subscriptionId, "subscription");
        switch (type) {
            case "customer.subscription.created":
            case "customer.subscription.updated":
            case "customer.subscription.paused":
            case "customer.subscription.resumed":
            case "customer.subscription.pending_update_applied":
            case "customer.subscription.pending_update_expired":
            case "customer.subscription.trial_will_end":
                return emit(type, subscriptionJson(sub), null);
            case "customer.subscription.deleted":
                if (!"canceled".equals(sub.status)) {
                    long now = now();
                    sub.status = "canceled";
                    if (sub.canceledAt == null) {
                        sub.canceledAt = now;
                    }
                    sub.endedAt = now;
                    sub.cancelAt = null;
                    sub.cancelAtPeriodEnd = false;
                    if (sub.cancellationReason == null) {
                        sub.cancellationReason = "cancellation_requested";
                    }
                }
                return emit(type, subscriptionJson(sub), null);
            default:
                throw new IllegalArgumentException("Not a customer.subscription event type: " + type);
        }
    }

    synchronized String latestInvoiceId(String subscriptionId) {
        return subscription(subscriptionId, "subscription").latestInvoiceId;
    }

    private static void requireNotCanceled(Subscription sub) {
        if ("canceled".equals(sub.status)) {
            throw StripeApiError.invalidRequest("Subscription " + sub.id + " is canceled", null);
        }
    }

    private Invoice openLatestInvoice(Subscription sub) {
        Invoice latest = sub.latestInvoiceId == null ? null : invoices.get(sub.latestInvoiceId);
        return latest != null && "open".equals(latest.status) ? latest : null;
    }

    private String payOpenInvoice(Invoice inv) {
        Subscription sub = inv.subscriptionId == null ? null : subscriptions.get(inv.subscriptionId);
        ObjectNode before = sub == null ? null : subscriptionJson(sub);
        String paid = markPaid(inv);
        if (sub != null && !"active".equals(sub.status) && !"canceled".equals(sub.status)
                && !"trialing".equals(sub.status)) {
            sub.status = "active";
            ObjectNode after = subscriptionJson(sub);
            emitUpdated(before, after);
        }
        return paid;
    }

    /** Moves the subscription into its next period and bills it (open invoice, not yet paid). */
    private Invoice renewalInvoice(Subscription sub) {
        long previousStart = currentPeriodStart(sub);
        for (SubscriptionItem item : sub.items) {
            Price price = price(item.priceId, "price");
            item.periodStart = item.periodEnd;
            item.periodEnd = addInterval(item.periodStart, price);
        }
        if ("trialing".equals(sub.status)) {
            sub.status = "active";
        }
        Invoice inv = newInvoice(sub, "subscription_cycle", previousStart, currentPeriodStart(sub));
        inv.lines.addAll(sub.pendingItems);
        sub.pendingItems.clear();
        for (SubscriptionItem item : sub.items) {
            inv.lines.add(itemLine(sub, item, item.periodStart, item.periodEnd));
        }
        finalizeInvoice(inv);
        sub.latestInvoiceId = inv.id;
        emitInvoiceCreatedAndFinalized(inv);
        return inv;
    }

    // ------------------------------------------------------------------ events

    synchronized ObjectNode retrieveEvent(String id) {
        StoredEvent e = events.get(id);
        if (e == null) {
            throw StripeApiError.noSuch("event", id, "id");
        }
        return parse(e.json);
    }

    synchronized ObjectNode listEvents(FormParams params) {
        String type = params.string("type");
        List<String> types = params.strings("types");
        List<ObjectNode> data = new ArrayList<>();
        events.values().stream()
                .filter(e -> type == null || matchesType(type, e.type))
                .filter(e -> types.isEmpty() || types.stream().anyMatch(t -> matchesType(t, e.type)))
                .sorted(Comparator.comparingLong((StoredEvent e) -> e.seq).reversed())
                .forEach(e -> data.add(parse(e.json)));
        return list("/v1/events", data, params);
    }

    private static boolean matchesType(String pattern, String type) {
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    /** All events emitted so far, oldest first, as the JSON Stripe would deliver. */
    synchronized List<String> events() {
        List<String> all = new ArrayList<>();
        events.values().forEach(e -> all.add(e.json));
        return all;
    }

    private String emit(String type, ObjectNode object, ObjectNode previousAttributes) {
        ObjectNode event = JSON.objectNode();
        String id = StripeIds.next("evt_");
        long created = now();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", StripeStandIn.API_VERSION);
        event.put("created", created);
        ObjectNode data = event.putObject("data");
        data.set("object", object.deepCopy());
        if (previousAttributes != null && previousAttributes.size() > 0) {
            data.set("previous_attributes", previousAttributes);
        }
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        ObjectNode request = event.putObject("request");
        RequestInfo info = currentRequest.get();
        if (info == null) {
            request.putNull("id");
            request.putNull("idempotency_key");
        } else {
            request.put("id", info.requestId());
            if (info.idempotencyKey() == null) {
                request.putNull("idempotency_key");
            } else {
                request.put("idempotency_key", info.idempotencyKey());
            }
        }
        event.put("type", type);
        String json = write(event);
        events.put(id, new StoredEvent(id, type, created, ++sequence, json));
        eventListener.accept(json);
        return json;
    }

    /** {@code customer.subscription.updated} when something changed (Stripe sends none otherwise). */
    private String emitUpdated(ObjectNode before, ObjectNode after) {
        ObjectNode previous = previousAttributes(before, after);
        if (previous.size() == 0) {
            return null;
        }
        return emit("customer.subscription.updated", after, previous);
    }

    /** Top-level fields that differ, with their old values, like {@code data.previous_attributes}. */
    private static ObjectNode previousAttributes(ObjectNode before, ObjectNode after) {
        ObjectNode previous = JSON.objectNode();
        before.fieldNames().forEachRemaining(name -> {
            JsonNode old = before.get(name);
            if (!Objects.equals(old, after.get(name))) {
                previous.set(name, old);
            }
        });
        return previous;
    }

    // ------------------------------------------------------------------ expansion

    /**
     * Applies {@code expand[]} paths such as {@code customer}, {@code latest_invoice},
     * {@code data.customer}, {@code items.data.price.product} or a Checkout Session's
     * {@code line_items}.
     */
    synchronized void expand(ObjectNode root, List<String> paths) {
        for (String path : paths) {
            if (path == null || path.isBlank()) {
                continue;
            }
            String[] segments = path.split("\\.");
            if (segments.length > 4) {
                throw StripeApiError.invalidRequest(
                        "You cannot expand more than 4 levels of a property. Property: " + path, "expand");
            }
            expandPath(root, segments, 0, path);
        }
    }

    private void expandPath(JsonNode node, String[] segments, int index, String path) {
        if (node == null || index >= segments.length) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> expandPath(element, segments, index, path));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        String key = segments[index];
        JsonNode child = object.get(key);
        if (child == null && "line_items".equals(key) && "checkout.session".equals(object.path("object").asText())) {
            CheckoutSession s = checkoutSessions.get(object.path("id").asText());
            if (s != null) {
                child = list("/v1/checkout/sessions/" + s.id + "/line_items", lineItemsData(s), FormParams.empty());
                object.set(key, child);
            }
        } else if (child == null) {
            throw StripeApiError.invalidRequest("This property cannot be expanded (" + path + ").", "expand");
        }
        if (child != null && child.isTextual()) {
            ObjectNode resolved = resolve(child.asText());
            if (resolved == null) {
                throw StripeApiError.invalidRequest("This property cannot be expanded (" + path + ").", "expand");
            }
            object.set(key, resolved);
            child = resolved;
        }
        expandPath(child, segments, index + 1, path);
    }

    private ObjectNode resolve(String id) {
        if (customers.containsKey(id)) {
            return customerJson(customers.get(id));
        }
        if (subscriptions.containsKey(id)) {
            return subscriptionJson(subscriptions.get(id));
        }
        if (invoices.containsKey(id)) {
            return invoiceJson(invoices.get(id));
        }
        if (prices.containsKey(id)) {
            return priceJson(prices.get(id));
        }
        if (products.containsKey(id)) {
            return productJson(products.get(id));
        }
        if (subscriptionItems.containsKey(id)) {
            return subscriptionItemJson(subscriptionItems.get(id));
        }
        if (checkoutSessions.containsKey(id)) {
            return checkoutSessionJson(checkoutSessions.get(id));
        }
        return null;
    }

    // ------------------------------------------------------------------ HTML page support

    synchronized CheckoutSession checkoutSessionForPage(String id) {
        return checkoutSession(id, "session");
    }

    synchronized List<Subscription> subscriptionsOf(String customerId) {
        List<Subscription> result = new ArrayList<>();
        subscriptions.values().stream().filter(s -> s.customerId.equals(customerId)).forEach(result::add);
        return result;
    }

    synchronized Invoice invoiceForPage(String id) {
        return invoice(id, "invoice");
    }

    synchronized Price priceForPage(String id) {
        return price(id, "price");
    }

    synchronized String productNameOf(String priceId) {
        return productName(price(priceId, "price"));
    }

    synchronized Customer customerForPage(String id) {
        return customer(id, "customer");
    }

    // ------------------------------------------------------------------ JSON

    private ObjectNode list(String url, List<ObjectNode> all, FormParams params) {
        Long limitParam = params.longValue("limit");
        long limit = limitParam == null ? 10 : limitParam;
        if (limit < 1 || limit > 100) {
            throw StripeApiError.invalidRequest("Invalid integer: limit must be between 1 and 100", "limit");
        }
        String startingAfter = params.string("starting_after");
        String endingBefore = params.string("ending_before");
        int from = 0;
        int to = all.size();
        if (startingAfter != null) {
            from = indexOf(all, startingAfter, "starting_after") + 1;
        } else if (endingBefore != null) {
            to = indexOf(all, endingBefore, "ending_before");
            from = (int) Math.max(0, to - limit);
        }
        int end = (int) Math.min(to, from + limit);
        ObjectNode list = JSON.objectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (int i = from; i < end; i++) {
            data.add(all.get(i));
        }
        list.put("has_more", endingBefore != null ? from > 0 : end < to);
        list.put("url", url);
        return list;
    }

    private static int indexOf(List<ObjectNode> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (id.equals(all.get(i).path("id").asText())) {
                return i;
            }
        }
        throw StripeApiError.invalidRequest("No such object: '" + id + "'", param);
    }

    private static ObjectNode metadataJson(Map<String, String> metadata) {
        ObjectNode node = JSON.objectNode();
        metadata.forEach(node::put);
        return node;
    }

    private static void putNullable(ObjectNode node, String name, String value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private static void putNullable(ObjectNode node, String name, Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    ObjectNode customerJson(Customer c) {
        ObjectNode n = JSON.objectNode();
        n.put("id", c.id);
        n.put("object", "customer");
        n.putNull("address");
        n.put("balance", 0);
        n.put("created", c.created);
        putNullable(n, "currency", c.currency);
        n.putNull("default_source");
        n.put("delinquent", invoices.values().stream()
                .anyMatch(i -> !i.preview && c.id.equals(i.customerId) && "open".equals(i.status) && i.attemptCount > 0));
        putNullable(n, "description", c.description);
        n.putNull("discount");
        putNullable(n, "email", c.email);
        n.put("invoice_prefix", c.invoicePrefix);
        ObjectNode invoiceSettings = n.putObject("invoice_settings");
        invoiceSettings.putNull("custom_fields");
        invoiceSettings.putNull("default_payment_method");
        invoiceSettings.putNull("footer");
        invoiceSettings.putNull("rendering_options");
        n.put("livemode", false);
        n.set("metadata", metadataJson(c.metadata));
        putNullable(n, "name", c.name);
        n.put("next_invoice_sequence", c.nextInvoiceSequence);
        putNullable(n, "phone", c.phone);
        n.putArray("preferred_locales");
        n.putNull("shipping");
        n.put("tax_exempt", "none");
        n.putNull("test_clock");
        return n;
    }

    ObjectNode productJson(Product p) {
        ObjectNode n = JSON.objectNode();
        n.put("id", p.id);
        n.put("object", "product");
        n.put("active", p.active);
        n.put("created", p.created);
        putNullable(n, "default_price", p.defaultPrice);
        putNullable(n, "description", p.description);
        n.putArray("images");
        n.put("livemode", false);
        n.putArray("marketing_features");
        n.set("metadata", metadataJson(p.metadata));
        n.put("name", p.name);
        n.putNull("package_dimensions");
        n.putNull("shippable");
        n.putNull("statement_descriptor");
        n.putNull("tax_code");
        n.put("type", "service");
        n.putNull("unit_label");
        n.put("updated", p.updated);
        n.putNull("url");
        return n;
    }

    ObjectNode priceJson(Price p) {
        ObjectNode n = JSON.objectNode();
        n.put("id", p.id);
        n.put("object", "price");
        n.put("active", p.active);
        n.put("billing_scheme", "per_unit");
        n.put("created", p.created);
        n.put("currency", p.currency);
        n.putNull("custom_unit_amount");
        n.put("livemode", false);
        putNullable(n, "lookup_key", p.lookupKey);
        n.set("metadata", metadataJson(p.metadata));
        putNullable(n, "nickname", p.nickname);
        n.put("product", p.productId);
        if (p.interval == null) {
            n.putNull("recurring");
        } else {
            ObjectNode recurring = n.putObject("recurring");
            recurring.put("interval", p.interval);
            recurring.put("interval_count", p.intervalCount);
            recurring.putNull("meter");
            recurring.putNull("trial_period_days");
            recurring.put("usage_type", "licensed");
        }
        n.put("tax_behavior", "unspecified");
        n.putNull("tiers_mode");
        n.putNull("transform_quantity");
        n.put("type", p.interval == null ? "one_time" : "recurring");
        n.put("unit_amount", p.unitAmount);
        n.put("unit_amount_decimal", Long.toString(p.unitAmount));
        return n;
    }

    private ObjectNode planJson(Price p) {
        ObjectNode n = JSON.objectNode();
        n.put("id", p.id);
        n.put("object", "plan");
        n.put("active", p.active);
        n.put("amount", p.unitAmount);
        n.put("amount_decimal", Long.toString(p.unitAmount));
        n.put("billing_scheme", "per_unit");
        n.put("created", p.created);
        n.put("currency", p.currency);
        n.put("interval", p.interval);
        n.put("interval_count", p.intervalCount);
        n.put("livemode", false);
        n.set("metadata", metadataJson(p.metadata));
        n.putNull("meter");
        putNullable(n, "nickname", p.nickname);
        n.put("product", p.productId);
        n.putNull("tiers_mode");
        n.putNull("transform_usage");
        n.putNull("trial_period_days");
        n.put("usage_type", "licensed");
        return n;
    }

    private List<ObjectNode> lineItemsData(CheckoutSession s) {
        List<ObjectNode> data = new ArrayList<>();
        for (LineSpec spec : s.lineItems) {
            Price price = price(spec.priceId, "price");
            long amount = spec.quantity * price.unitAmount;
            ObjectNode n = JSON.objectNode();
            n.put("id", spec.id);
            n.put("object", "item");
            n.put("amount_discount", 0);
            n.put("amount_subtotal", amount);
            n.put("amount_tax", 0);
            n.put("amount_total", amount);
            n.put("currency", price.currency);
            n.put("description", productName(price));
            n.set("price", priceJson(price));
            n.put("quantity", spec.quantity);
            data.add(n);
        }
        return data;
    }

    private long checkoutAmount(CheckoutSession s) {
        if (s.trialPeriodDays != null && s.trialPeriodDays > 0) {
            return 0;
        }
        return s.lineItems.stream().mapToLong(l -> l.quantity * price(l.priceId, "price").unitAmount).sum();
    }

    ObjectNode checkoutSessionJson(CheckoutSession s) {
        ObjectNode n = JSON.objectNode();
        n.put("id", s.id);
        n.put("object", "checkout.session");
        ObjectNode adaptive = n.putObject("adaptive_pricing");
        adaptive.put("enabled", false);
        n.putNull("after_expiration");
        n.put("allow_promotion_codes", s.allowPromotionCodes);
        long amount = checkoutAmount(s);
        n.put("amount_subtotal", amount);
        n.put("amount_total", amount);
        ObjectNode automaticTax = n.putObject("automatic_tax");
        automaticTax.put("enabled", false);
        automaticTax.putNull("liability");
        automaticTax.putNull("provider");
        automaticTax.putNull("status");
        n.put("billing_address_collection", "auto");
        putNullable(n, "cancel_url", s.cancelUrl);
        putNullable(n, "client_reference_id", s.clientReferenceId);
        n.putNull("client_secret");
        n.putNull("collected_information");
        n.putNull("consent");
        n.putNull("consent_collection");
        n.put("created", s.created);
        putNullable(n, "currency", s.currency);
        n.putNull("currency_conversion");
        n.putArray("custom_fields");
        ObjectNode customText = n.putObject("custom_text");
        customText.putNull("after_submit");
        customText.putNull("shipping_address");
        customText.putNull("submit");
        customText.putNull("terms_of_service_acceptance");
        putNullable(n, "customer", s.customerId);
        n.put("customer_creation", s.createsCustomer ? "always" : null);
        if ("complete".equals(s.status)) {
            Customer c = customers.get(s.customerId);
            ObjectNode details = n.putObject("customer_details");
            details.putNull("address");
            putNullable(details, "business_name", (String) null);
            putNullable(details, "email", c == null ? s.customerEmail : c.email);
            putNullable(details, "individual_name", (String) null);
            putNullable(details, "name", c == null ? null : c.name);
            details.putNull("phone");
            details.put("tax_exempt", "none");
            details.putArray("tax_ids");
        } else {
            n.putNull("customer_details");
        }
        putNullable(n, "customer_email", s.customerEmail);
        n.putArray("discounts");
        n.put("expires_at", s.expiresAt);
        putNullable(n, "invoice", s.invoiceId);
        n.putNull("invoice_creation");
        n.put("livemode", false);
        putNullable(n, "locale", s.locale);
        n.set("metadata", metadataJson(s.metadata));
        n.put("mode", s.mode);
        n.putNull("payment_intent");
        n.putNull("payment_link");
        n.put("payment_method_collection", "always");
        n.putNull("payment_method_configuration_details");
        n.putObject("payment_method_options");
        n.putArray("payment_method_types").add("card");
        n.put("payment_status", s.paymentStatus);
        ObjectNode phone = n.putObject("phone_number_collection");
        phone.put("enabled", false);
        n.putNull("recovered_from");
        n.putNull("saved_payment_method_options");
        n.putNull("setup_intent");
        n.putNull("shipping_address_collection");
        n.putNull("shipping_cost");
        n.putArray("shipping_options");
        n.put("status", s.status);
        n.putNull("submit_type");
        putNullable(n, "subscription", s.subscriptionId);
        putNullable(n, "success_url", s.successUrl);
        ObjectNode totals = n.putObject("total_details");
        totals.put("amount_discount", 0);
        totals.put("amount_shipping", 0);
        totals.put("amount_tax", 0);
        n.put("ui_mode", s.uiMode);
        if ("open".equals(s.status)) {
            n.put("url", baseUrl + "/checkout/" + s.id);
        } else {
            n.putNull("url");
        }
        n.putNull("wallet_options");
        return n;
    }

    ObjectNode portalSessionJson(PortalSession ps) {
        ObjectNode n = JSON.objectNode();
        n.put("id", ps.id);
        n.put("object", "billing_portal.session");
        n.put("configuration", "bpc_standin_default");
        n.put("created", ps.created);
        n.put("customer", ps.customerId);
        n.putNull("flow");
        n.put("livemode", false);
        putNullable(n, "locale", ps.locale);
        n.putNull("on_behalf_of");
        putNullable(n, "return_url", ps.returnUrl);
        n.put("url", baseUrl + "/portal/" + ps.id);
        return n;
    }

    ObjectNode subscriptionItemJson(SubscriptionItem item) {
        Price price = price(item.priceId, "price");
        ObjectNode n = JSON.objectNode();
        n.put("id", item.id);
        n.put("object", "subscription_item");
        n.putNull("billing_thresholds");
        n.put("created", item.created);
        n.put("current_period_end", item.periodEnd);
        n.put("current_period_start", item.periodStart);
        n.putArray("discounts");
        n.set("metadata", metadataJson(item.metadata));
        n.set("plan", planJson(price));
        n.set("price", priceJson(price));
        n.put("quantity", item.quantity);
        n.put("subscription", item.subscriptionId);
        n.putArray("tax_rates");
        return n;
    }

    private long currentPeriodStart(Subscription sub) {
        return sub.items.isEmpty() ? sub.startDate : sub.items.get(0).periodStart;
    }

    private long currentPeriodEnd(Subscription sub) {
        return sub.items.isEmpty() ? sub.startDate : sub.items.get(0).periodEnd;
    }

    ObjectNode subscriptionJson(Subscription s) {
        ObjectNode n = JSON.objectNode();
        n.put("id", s.id);
        n.put("object", "subscription");
        n.putNull("application");
        n.putNull("application_fee_percent");
        ObjectNode automaticTax = n.putObject("automatic_tax");
        automaticTax.putNull("disabled_reason");
        automaticTax.put("enabled", false);
        automaticTax.putNull("liability");
        n.put("billing_cycle_anchor", s.billingCycleAnchor);
        n.putNull("billing_cycle_anchor_config");
        ObjectNode billingMode = n.putObject("billing_mode");
        billingMode.put("type", "flexible");
        billingMode.putObject("flexible").put("proration_discounts", "included");
        billingMode.putNull("updated_at");
        n.putNull("billing_thresholds");
        putNullable(n, "cancel_at", s.cancelAt);
        n.put("cancel_at_period_end", s.cancelAtPeriodEnd);
        putNullable(n, "canceled_at", s.canceledAt);
        ObjectNode cancellation = n.putObject("cancellation_details");
        putNullable(cancellation, "comment", s.cancellationComment);
        putNullable(cancellation, "feedback", s.cancellationFeedback);
        putNullable(cancellation, "reason", s.cancellationReason);
        n.put("collection_method", "charge_automatically");
        n.put("created", s.created);
        n.put("currency", s.currency);
        n.put("customer", s.customerId);
        n.putNull("days_until_due");
        n.putNull("default_payment_method");
        n.putNull("default_source");
        n.putArray("default_tax_rates");
        putNullable(n, "description", s.description);
        n.putArray("discounts");
        putNullable(n, "ended_at", s.endedAt);
        ObjectNode invoiceSettings = n.putObject("invoice_settings");
        invoiceSettings.putNull("account_tax_ids");
        invoiceSettings.putObject("issuer").put("type", "self");
        ObjectNode items = n.putObject("items");
        items.put("object", "list");
        ArrayNode data = items.putArray("data");
        s.items.forEach(i -> data.add(subscriptionItemJson(i)));
        items.put("has_more", false);
        items.put("total_count", s.items.size());
        items.put("url", "/v1/subscription_items?subscription=" + s.id);
        putNullable(n, "latest_invoice", s.latestInvoiceId);
        n.put("livemode", false);
        n.set("metadata", metadataJson(s.metadata));
        n.putNull("next_pending_invoice_item_invoice");
        n.putNull("on_behalf_of");
        n.putNull("pause_collection");
        ObjectNode paymentSettings = n.putObject("payment_settings");
        paymentSettings.putNull("payment_method_options");
        paymentSettings.putNull("payment_method_types");
        paymentSettings.put("save_default_payment_method", "off");
        n.putNull("pending_invoice_item_interval");
        n.putNull("pending_setup_intent");
        n.putNull("pending_update");
        n.putNull("schedule");
        n.put("start_date", s.startDate);
        n.put("status", s.status);
        n.putNull("test_clock");
        n.putNull("transfer_data");
        putNullable(n, "trial_end", s.trialEnd);
        ObjectNode trialSettings = n.putObject("trial_settings");
        trialSettings.putObject("end_behavior").put("missing_payment_method", "create_invoice");
        putNullable(n, "trial_start", s.trialStart);
        return n;
    }

    ObjectNode invoiceJson(Invoice inv) {
        Customer c = customers.get(inv.customerId);
        long total = inv.total();
        long due = inv.amountDue();
        ObjectNode n = JSON.objectNode();
        n.put("id", inv.id);
        n.put("object", "invoice");
        n.put("account_country", "US");
        n.put("account_name", "HostMCP (Stripe stand-in)");
        n.putNull("account_tax_ids");
        n.put("amount_due", due);
        n.put("amount_overpaid", 0);
        n.put("amount_paid", inv.amountPaid);
        n.put("amount_remaining", "paid".equals(inv.status) || "void".equals(inv.status) ? 0 : due - inv.amountPaid);
        n.put("amount_shipping", 0);
        n.putNull("application");
        n.put("attempt_count", inv.attemptCount);
        n.put("attempted", inv.attempted);
        n.put("auto_advance", "open".equals(inv.status) || "draft".equals(inv.status));
        ObjectNode automaticTax = n.putObject("automatic_tax");
        automaticTax.putNull("disabled_reason");
        automaticTax.put("enabled", false);
        automaticTax.putNull("liability");
        automaticTax.putNull("provider");
        automaticTax.putNull("status");
        n.putNull("automatically_finalizes_at");
        n.put("billing_reason", inv.billingReason);
        n.put("collection_method", "charge_automatically");
        n.put("created", inv.created);
        n.put("currency", inv.currency);
        n.putNull("custom_fields");
        n.put("customer", inv.customerId);
        n.putNull("customer_address");
        putNullable(n, "customer_email", c == null ? null : c.email);
        putNullable(n, "customer_name", c == null ? null : c.name);
        n.putNull("customer_phone");
        n.putNull("customer_shipping");
        n.put("customer_tax_exempt", "none");
        n.putArray("customer_tax_ids");
        n.putNull("default_payment_method");
        n.putNull("default_source");
        n.putArray("default_tax_rates");
        n.putNull("description");
        n.putArray("discounts");
        n.putNull("due_date");
        putNullable(n, "effective_at", inv.finalizedAt);
        n.put("ending_balance", inv.preview ? null : (inv.finalizedAt == null ? null : 0L));
        n.putNull("footer");
        n.putNull("from_invoice");
        if (inv.preview || inv.finalizedAt == null) {
            n.putNull("hosted_invoice_url");
            n.putNull("invoice_pdf");
        } else {
            n.put("hosted_invoice_url", baseUrl + "/invoices/" + inv.id);
            n.put("invoice_pdf", baseUrl + "/invoices/" + inv.id + "/pdf");
        }
        n.putObject("issuer").put("type", "self");
        n.putNull("last_finalization_error");
        n.putNull("latest_revision");
        ObjectNode lines = n.putObject("lines");
        lines.put("object", "list");
        ArrayNode data = lines.putArray("data");
        inv.lines.forEach(l -> data.add(invoiceLineJson(inv, l)));
        lines.put("has_more", false);
        lines.put("total_count", inv.lines.size());
        lines.put("url", "/v1/invoices/" + inv.id + "/lines");
        n.put("livemode", false);
        n.putObject("metadata");
        putNullable(n, "next_payment_attempt", inv.nextPaymentAttempt);
        putNullable(n, "number", inv.number);
        n.putNull("on_behalf_of");
        if (inv.subscriptionId == null) {
            n.putNull("parent");
        } else {
            ObjectNode parent = n.putObject("parent");
            parent.putNull("quote_details");
            ObjectNode subscriptionDetails = parent.putObject("subscription_details");
            subscriptionDetails.set("metadata", metadataJson(inv.subscriptionMetadata));
            subscriptionDetails.put("subscription", inv.subscriptionId);
            subscriptionDetails.putNull("subscription_proration_date");
            parent.put("type", "subscription_details");
        }
        ObjectNode paymentSettings = n.putObject("payment_settings");
        paymentSettings.putNull("default_mandate");
        paymentSettings.putNull("payment_method_options");
        paymentSettings.putNull("payment_method_types");
        n.put("period_end", inv.periodEnd);
        n.put("period_start", inv.periodStart);
        n.put("post_payment_credit_notes_amount", 0);
        n.put("pre_payment_credit_notes_amount", 0);
        n.putNull("receipt_number");
        n.putNull("rendering");
        n.putNull("shipping_cost");
        n.putNull("shipping_details");
        n.put("starting_balance", 0);
        n.putNull("statement_descriptor");
        n.put("status", inv.status);
        ObjectNode transitions = n.putObject("status_transitions");
        putNullable(transitions, "finalized_at", inv.finalizedAt);
        transitions.putNull("marked_uncollectible_at");
        putNullable(transitions, "paid_at", inv.paidAt);
        putNullable(transitions, "voided_at", inv.voidedAt);
        n.put("subtotal", total);
        n.put("subtotal_excluding_tax", total);
        n.putNull("test_clock");
        n.put("total", total);
        n.putArray("total_discount_amounts");
        n.put("total_excluding_tax", total);
        n.putArray("total_pretax_credit_amounts");
        n.putArray("total_taxes");
        putNullable(n, "webhooks_delivered_at", inv.finalizedAt);
        return n;
    }

    private ObjectNode invoiceLineJson(Invoice inv, InvoiceLine l) {
        Price price = prices.get(l.priceId);
        ObjectNode n = JSON.objectNode();
        n.put("id", l.id);
        n.put("object", "line_item");
        n.put("amount", l.amount);
        n.put("currency", l.currency);
        n.put("description", l.description);
        n.putArray("discount_amounts");
        n.put("discountable", !l.proration);
        n.putArray("discounts");
        putNullable(n, "invoice", inv.preview ? null : inv.id);
        n.put("livemode", false);
        n.putObject("metadata");
        ObjectNode parent = n.putObject("parent");
        if (l.proration) {
            ObjectNode details = parent.putObject("invoice_item_details");
            details.put("invoice_item", l.invoiceItemId);
            details.put("proration", true);
            details.putObject("proration_details").putNull("credited_items");
            putNullable(details, "subscription", l.subscriptionId);
            parent.putNull("subscription_item_details");
            parent.put("type", "invoice_item_details");
        } else {
            parent.putNull("invoice_item_details");
            ObjectNode details = parent.putObject("subscription_item_details");
            details.putNull("invoice_item");
            details.put("proration", false);
            details.putObject("proration_details").putNull("credited_items");
            putNullable(details, "subscription", l.subscriptionId);
            putNullable(details, "subscription_item", l.subscriptionItemId);
            parent.put("type", "subscription_item_details");
        }
        ObjectNode period = n.putObject("period");
        period.put("end", l.periodEnd);
        period.put("start", l.periodStart);
        n.putArray("pretax_credit_amounts");
        ObjectNode pricing = n.putObject("pricing");
        ObjectNode priceDetails = pricing.putObject("price_details");
        priceDetails.put("price", l.priceId);
        putNullable(priceDetails, "product", price == null ? null : price.productId);
        pricing.put("type", "price_details");
        pricing.put("unit_amount_decimal", price == null ? null : Long.toString(price.unitAmount));
        n.put("quantity", l.quantity);
        n.put("quantity_decimal", Long.toString(l.quantity));
        putNullable(n, "subscription", l.subscriptionId);
        n.put("subtotal", l.amount);
        n.putArray("taxes");
        return n;
    }

    // ------------------------------------------------------------------ helpers

    private String productName(Price price) {
        Product product = products.get(price.productId);
        return product == null ? price.productId : product.name;
    }

    static String money(long amount, String currency) {
        String sign = amount < 0 ? "-" : "";
        long abs = Math.abs(amount);
        String number = String.format(Locale.ROOT, "%d.%02d", abs / 100, abs % 100);
        if ("usd".equalsIgnoreCase(currency)) {
            return sign + "$" + number;
        }
        return sign + number + " " + (currency == null ? "" : currency.toUpperCase(Locale.ROOT));
    }

    private static long addInterval(long epochSeconds, Price price) {
        ZonedDateTime start = Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC);
        long count = price.intervalCount <= 0 ? 1 : price.intervalCount;
        String interval = price.interval == null ? "month" : price.interval;
        ZonedDateTime end;
        switch (interval) {
            case "day":
                end = start.plusDays(count);
                break;
            case "week":
                end = start.plusWeeks(count);
                break;
            case "year":
                end = start.plusYears(count);
                break;
            default:
                end = start.plusMonths(count);
        }
        return end.toEpochSecond();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
