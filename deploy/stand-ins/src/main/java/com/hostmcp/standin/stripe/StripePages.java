package com.hostmcp.standin.stripe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages a human reaches through the URLs the stand-in hands out: a Checkout page whose "Pay"
 * button completes the session and redirects to {@code success_url}, a billing portal page, and
 * hosted invoice pages (HTML and a small PDF).
 */
final class StripePages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final StripeModel model;
    private final String template;

    StripePages(StripeModel model) {
        this.model = model;
        this.template = loadTemplate();
    }

    private static String loadTemplate() {
        try (InputStream in = StripePages.class.getResourceAsStream("/stripe/page.html")) {
            if (in == null) {
                return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{{title}}</title></head>"
                        + "<body><h1>{{title}}</h1>{{content}}</body></html>";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StripeApi.ApiResponse handle(String method, String path, FormParams params) {
        List<String> s = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                s.add(part);
            }
        }
        try {
            if (s.isEmpty() && "GET".equals(method)) {
                return page(200, "Stripe stand-in", "<p>The Stripe API is served under <code>/v1</code>. Checkout, billing"
                        + " portal and invoice pages live under <code>/checkout</code>, <code>/portal</code> and"
                        + " <code>/invoices</code>.</p>");
            }
            if (s.size() == 1 && "healthz".equals(s.get(0))) {
                return new StripeApi.ApiResponse(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8), Map.of());
            }
            if (s.size() >= 2 && "checkout".equals(s.get(0))) {
                if (s.size() == 2 && "GET".equals(method)) {
                    return checkoutPage(s.get(1));
                }
                if (s.size() == 3 && "POST".equals(method) && "pay".equals(s.get(2))) {
                    return pay(s.get(1));
                }
            }
            if (s.size() >= 2 && "portal".equals(s.get(0))) {
                if (s.size() == 2 && "GET".equals(method)) {
                    return portalPage(s.get(1));
                }
                if (s.size() == 5 && "POST".equals(method) && "subscriptions".equals(s.get(2))) {
                    return portalAction(s.get(1), s.get(3), s.get(4), params);
                }
            }
            // simulation controls for processes that cannot call the Java helpers (local stack, cross-service tests)
            if (s.size() == 4 && "POST".equals(method) && "_simulate".equals(s.get(0))
                    && "subscriptions".equals(s.get(1))) {
                return simulation(s.get(2), s.get(3));
            }
            if (s.size() >= 2 && "invoices".equals(s.get(0)) && "GET".equals(method)) {
                if (s.size() == 2) {
                    return invoicePage(s.get(1));
                }
                if (s.size() == 3 && "pdf".equals(s.get(2))) {
                    return invoicePdf(s.get(1));
                }
            }
        } catch (StripeApiError e) {
            return page(e.status, e.status == 404 ? "Not found" : "Cannot do that", "<p>" + esc(e.getMessage()) + "</p>");
        }
        return page(404, "Not found", "<p>Nothing at " + esc(method + " " + path) + ".</p>");
    }

    // ------------------------------------------------------------------ checkout

    private StripeApi.ApiResponse checkoutPage(String id) {
        StripeModel.CheckoutSession session = model.checkoutSessionForPage(id);
        StringBuilder html = new StringBuilder();
        String email = session.customerEmail;
        if (session.customerId != null) {
            StripeModel.Customer customer = model.customerForPage(session.customerId);
            email = customer.email;
        }
        if (email != null) {
            html.append("<p class=\"muted\">Paying as ").append(esc(email)).append("</p>");
        }
        html.append("<table><tr><th>Item</th><th class=\"num\">Qty</th><th class=\"num\">Unit price</th>"
                + "<th class=\"num\">Amount</th></tr>");
        long total = 0;
        String currency = session.currency;
        for (StripeModel.LineSpec line : session.lineItems) {
            StripeModel.Price price = model.priceForPage(line.priceId);
            long amount = line.quantity * price.unitAmount;
            total += amount;
            html.append("<tr><td>").append(esc(model.productNameOf(price.id)))
                    .append(price.interval == null ? ""
                            : " <span class=\"muted\">billed per " + esc(price.interval) + "</span>")
                    .append("</td><td class=\"num\">").append(line.quantity)
                    .append("</td><td class=\"num\">").append(esc(StripeModel.money(price.unitAmount, price.currency)))
                    .append("</td><td class=\"num\">").append(esc(StripeModel.money(amount, price.currency)))
                    .append("</td></tr>");
        }
        boolean trial = session.trialPeriodDays != null && session.trialPeriodDays > 0;
        html.append("<tr><th colspan=\"3\">Total due today</th><th class=\"num\">")
                .append(esc(StripeModel.money(trial ? 0 : total, currency))).append("</th></tr></table>");
        if (trial) {
            html.append("<p>Includes a ").append(session.trialPeriodDays).append("-day free trial.</p>");
        }
        if ("open".equals(session.status)) {
            html.append("<form method=\"post\" action=\"/checkout/").append(esc(session.id))
                    .append("/pay\"><button type=\"submit\" id=\"pay\">Pay</button></form>");
            if (session.cancelUrl != null) {
                html.append("<p><a href=\"").append(esc(session.cancelUrl)).append("\">Cancel and go back</a></p>");
            }
        } else {
            html.append("<p>This Checkout Session is <span class=\"status\">").append(esc(session.status))
                    .append("</span>.</p>");
            if ("complete".equals(session.status) && session.successUrl != null) {
                html.append("<p><a href=\"").append(esc(successUrl(session))).append("\">Continue</a></p>");
            }
        }
        return page(200, "Checkout", html.toString());
    }

    private StripeApi.ApiResponse pay(String id) {
        StripeModel.CheckoutSession session = model.checkoutSessionForPage(id);
        if ("open".equals(session.status)) {
            model.completeCheckout(id);
        }
        if (session.successUrl != null) {
            return redirect(successUrl(session));
        }
        return page(200, "Payment complete", "<p>Thanks! Subscription <code>" + esc(session.subscriptionId)
                + "</code> is active.</p>");
    }

    /**
     * {@code POST /_simulate/subscriptions/{id}/fail-payment|succeed-payment}: the same state change and event as
     * {@link StripeStandIn#failPayment} / {@link StripeStandIn#succeedPayment} (delivered to the webhook URL, if any);
     * answers the event JSON.
     */
    private StripeApi.ApiResponse simulation(String subscriptionId, String action) {
        String event = switch (action) {
            case "fail-payment" -> model.failPayment(subscriptionId);
            case "succeed-payment" -> model.succeedPayment(subscriptionId);
            default -> null;
        };
        if (event == null) {
            return page(404, "Unknown simulation", "<p>Use fail-payment or succeed-payment.</p>");
        }
        return new StripeApi.ApiResponse(200, "application/json", event.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String successUrl(StripeModel.CheckoutSession session) {
        return session.successUrl.replace("{CHECKOUT_SESSION_ID}", session.id);
    }

    // ------------------------------------------------------------------ billing portal

    private StripeApi.ApiResponse portalPage(String id) {
        StripeModel.PortalSession portal = model.portalSessionForPage(id);
        StripeModel.Customer customer = model.customerForPage(portal.customerId);
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"muted\">").append(esc(customer.email == null ? customer.id : customer.email)).append("</p>");
        List<StripeModel.Subscription> subscriptions = model.subscriptionsOf(customer.id);
        if (subscriptions.isEmpty()) {
            html.append("<p>No subscriptions.</p>");
        }
        for (StripeModel.Subscription sub : subscriptions) {
            html.append("<h2>Subscription <code>").append(esc(sub.id)).append("</code> <span class=\"status\">")
                    .append(esc(sub.status)).append("</span></h2>");
            html.append("<table><tr><th>Item</th><th class=\"num\">Qty</th><th class=\"num\">Unit price</th>"
                    + "<th>Current period</th></tr>");
            for (StripeModel.SubscriptionItem item : sub.items) {
                StripeModel.Price price = model.priceForPage(item.priceId);
                html.append("<tr><td>").append(esc(model.productNameOf(price.id))).append("</td><td class=\"num\">")
                        .append(item.quantity).append("</td><td class=\"num\">")
                        .append(esc(StripeModel.money(price.unitAmount, price.currency))).append("</td><td>")
                        .append(date(item.periodStart)).append(" – ").append(date(item.periodEnd)).append("</td></tr>");
            }
            html.append("</table>");
            if ("canceled".equals(sub.status)) {
                continue;
            }
            String base = "/portal/" + esc(portal.id) + "/subscriptions/" + esc(sub.id);
            if (!sub.items.isEmpty()) {
                html.append("<form class=\"inline\" method=\"post\" action=\"").append(base)
                        .append("/quantity\"><label>Quantity <input type=\"number\" min=\"1\" name=\"quantity\" value=\"")
                        .append(sub.items.get(0).quantity)
                        .append("\"></label> <button type=\"submit\" class=\"secondary\">Update</button></form> ");
            }
            if (sub.cancelAtPeriodEnd) {
                html.append("<p>Cancels on ").append(date(sub.cancelAt == null ? 0 : sub.cancelAt)).append(".</p>");
                html.append("<form class=\"inline\" method=\"post\" action=\"").append(base)
                        .append("/renew\"><button type=\"submit\">Renew subscription</button></form>");
            } else {
                html.append("<form class=\"inline\" method=\"post\" action=\"").append(base)
                        .append("/cancel\"><button type=\"submit\" class=\"secondary\">Cancel subscription</button></form>");
            }
        }
        if (portal.returnUrl != null) {
            html.append("<p><a href=\"").append(esc(portal.returnUrl)).append("\">Return</a></p>");
        }
        return page(200, "Billing", html.toString());
    }

    private StripeApi.ApiResponse portalAction(String portalId, String subscriptionId, String action, FormParams params) {
        switch (action) {
            case "cancel":
                model.portalSetCancelAtPeriodEnd(portalId, subscriptionId, true);
                break;
            case "renew":
                model.portalSetCancelAtPeriodEnd(portalId, subscriptionId, false);
                break;
            case "quantity":
                Long quantity = params.longValue("quantity");
                if (quantity == null || quantity < 1) {
                    throw StripeApiError.invalidRequest("Quantity must be at least 1.", "quantity");
                }
                model.portalSetQuantity(portalId, subscriptionId, quantity);
                break;
            default:
                return page(404, "Not found", "<p>Unknown action.</p>");
        }
        return redirect("/portal/" + portalId);
    }

    // ------------------------------------------------------------------ invoices

    private StripeApi.ApiResponse invoicePage(String id) {
        StripeModel.Invoice inv = model.invoiceForPage(id);
        StringBuilder html = new StringBuilder();
        html.append("<p>Invoice <code>").append(esc(inv.number == null ? inv.id : inv.number))
                .append("</code> <span class=\"status\">").append(esc(inv.status)).append("</span></p>");
        html.append("<table><tr><th>Description</th><th class=\"num\">Qty</th><th class=\"num\">Amount</th></tr>");
        for (StripeModel.InvoiceLine line : inv.lines) {
            html.append("<tr><td>").append(esc(line.description)).append("</td><td class=\"num\">").append(line.quantity)
                    .append("</td><td class=\"num\">").append(esc(StripeModel.money(line.amount, line.currency)))
                    .append("</td></tr>");
        }
        html.append("<tr><th colspan=\"2\">Amount due</th><th class=\"num\">")
                .append(esc(StripeModel.money(inv.amountDue(), inv.currency))).append("</th></tr>");
        html.append("<tr><th colspan=\"2\">Amount paid</th><th class=\"num\">")
                .append(esc(StripeModel.money(inv.amountPaid, inv.currency))).append("</th></tr></table>");
        html.append("<p><a href=\"/invoices/").append(esc(inv.id)).append("/pdf\">Download PDF</a></p>");
        return page(200, "Invoice", html.toString());
    }

    private StripeApi.ApiResponse invoicePdf(String id) {
        StripeModel.Invoice inv = model.invoiceForPage(id);
        List<String> lines = new ArrayList<>();
        lines.add("Invoice " + (inv.number == null ? inv.id : inv.number) + " (" + inv.status + ")");
        for (StripeModel.InvoiceLine line : inv.lines) {
            lines.add(line.description + "  " + StripeModel.money(line.amount, line.currency));
        }
        lines.add("Amount due: " + StripeModel.money(inv.amountDue(), inv.currency));
        lines.add("Amount paid: " + StripeModel.money(inv.amountPaid, inv.currency));
        lines.add("Stripe stand-in - test mode, not a real invoice");
        return new StripeApi.ApiResponse(200, "application/pdf", pdf(lines),
                Map.of("Content-Disposition", "inline; filename=\"" + inv.id + ".pdf\""));
    }

    /** A one-page PDF with the given lines of Helvetica text. */
    static byte[] pdf(List<String> textLines) {
        StringBuilder content = new StringBuilder("BT /F1 12 Tf 50 780 Td 16 TL\n");
        for (String line : textLines) {
            String ascii = line.replace("×", "x").replace("–", "-").replaceAll("[^\\x20-\\x7E]", "?");
            content.append('(').append(ascii.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
                    .append(") Tj T*\n");
        }
        content.append("ET\n");
        byte[] stream = content.toString().getBytes(StandardCharsets.US_ASCII);
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 5 0 R >> >>"
                        + " /Contents 4 0 R >>",
                "<< /Length " + stream.length + " >>\nstream\n" + new String(stream, StandardCharsets.US_ASCII)
                        + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n");
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder trailer = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            trailer.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        trailer.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, trailer.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }

    // ------------------------------------------------------------------ helpers

    private StripeApi.ApiResponse page(int status, String title, String content) {
        String html = template.replace("{{title}}", esc(title)).replace("{{content}}", content);
        return new StripeApi.ApiResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store"));
    }

    private static StripeApi.ApiResponse redirect(String location) {
        return new StripeApi.ApiResponse(303, "text/plain", new byte[0], Map.of("Location", location));
    }

    private static String date(long epochSeconds) {
        return DATE.format(Instant.ofEpochSecond(epochSeconds));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
