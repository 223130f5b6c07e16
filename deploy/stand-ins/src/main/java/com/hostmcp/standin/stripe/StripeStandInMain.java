package com.hostmcp.standin.stripe;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Stripe stand-in until killed, for the local stack.
 *
 * <pre>
 * StripeStandInMain [--port 8091] [--bind 127.0.0.1] [--unit-amount 500]
 *                   [--webhook-url http://127.0.0.1:8082/stripe/webhook [--webhook-secret whsec_standin_test]]
 * </pre>
 */
public final class StripeStandInMain {

    /** Parsed command line. */
    record Options(int port, String bind, long unitAmount, String webhookUrl, String webhookSecret, boolean help) {
    }

    private StripeStandInMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (options.help()) {
            usage(System.out);
            return;
        }
        StripeStandIn standIn = StripeStandIn.start(options.bind(), options.port());
        standIn.setPerListingUnitAmount(options.unitAmount());
        if (options.webhookUrl() != null) {
            standIn.deliverWebhooksTo(options.webhookUrl(), options.webhookSecret());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            stopped.countDown();
        }, "stripe-stand-in-shutdown"));
        System.out.println("Stripe stand-in listening on " + standIn.baseUrl());
        System.out.println("  API key: " + StripeStandIn.TEST_SECRET_KEY + " (any sk_test_... key is accepted)");
        System.out.println("  Price " + StripeStandIn.PER_LISTING_PRICE_ID + ": " + options.unitAmount()
                + " cents per listing per month");
        if (options.webhookUrl() != null) {
            System.out.println("  Delivering signed events to " + options.webhookUrl());
        }
        System.out.flush();
        stopped.await();
    }

    static Options parse(String[] args) {
        int port = StripeStandIn.DEFAULT_PORT;
        String bind = "127.0.0.1";
        long unitAmount = StripeStandIn.DEFAULT_PER_LISTING_UNIT_AMOUNT;
        String webhookUrl = null;
        String webhookSecret = StripeWebhookSigner.TEST_WEBHOOK_SECRET;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port":
                    port = parseInt(arg, value(args, ++i, arg));
                    break;
                case "--bind":
                    bind = value(args, ++i, arg);
                    break;
                case "--unit-amount":
                    unitAmount = parseInt(arg, value(args, ++i, arg));
                    break;
                case "--webhook-url":
                    webhookUrl = value(args, ++i, arg);
                    break;
                case "--webhook-secret":
                    webhookSecret = value(args, ++i, arg);
                    break;
                case "-h":
                case "--help":
                    help = true;
                    break;
                default:
                    throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535");
        }
        if (unitAmount < 0) {
            throw new IllegalArgumentException("--unit-amount must be >= 0");
        }
        return new Options(port, bind, unitAmount, webhookUrl, webhookSecret, help);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got: " + value);
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: StripeStandInMain [--port N] [--bind ADDRESS] [--unit-amount CENTS]"
                + " [--webhook-url URL] [--webhook-secret SECRET]");
        out.println("  --port N              port to listen on (default " + StripeStandIn.DEFAULT_PORT + ", 0 = any free)");
        out.println("  --bind ADDRESS        address to bind (default 127.0.0.1)");
        out.println("  --unit-amount CENTS   monthly price per listing (default "
                + StripeStandIn.DEFAULT_PER_LISTING_UNIT_AMOUNT + ")");
        out.println("  --webhook-url URL     POST every emitted event there, signed");
        out.println("  --webhook-secret S    the endpoint secret to sign with (default "
                + StripeWebhookSigner.TEST_WEBHOOK_SECRET + ")");
    }
}
