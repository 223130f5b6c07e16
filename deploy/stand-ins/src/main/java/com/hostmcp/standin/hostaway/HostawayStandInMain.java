package com.hostmcp.standin.hostaway;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the Hostaway stand-in as a process for the local stack:
 * {@code HostawayStandInMain [--port N] [--per-ip-limit N] [--per-account-limit N] [--generated-accounts N]}.
 */
public final class HostawayStandInMain {

    private HostawayStandInMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HostawayStandInOptions options = HostawayStandInOptions.defaults().withPort(8090);
        int generatedAccounts = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> options = options.withPort(intArg(args, ++i, arg));
                case "--per-ip-limit" -> options = options.withPerIpLimit(intArg(args, ++i, arg));
                case "--per-account-limit" -> options = options.withPerAccountLimit(intArg(args, ++i, arg));
                case "--generated-accounts" -> generatedAccounts = intArg(args, ++i, arg);
                case "--help", "-h" -> {
                    System.out.println("Usage: HostawayStandInMain [--port N (default 8090)] [--per-ip-limit N"
                            + " (default 0 = off)] [--per-account-limit N (default 20)] [--generated-accounts N"
                            + " (default 0; accounts 20001.. as HostawaySeedAccounts.generated(i))]");
                    return;
                }
                default -> {
                    System.err.println("Unknown argument: " + arg);
                    System.exit(2);
                }
            }
        }
        HostawayStandIn standIn = HostawayStandIn.start(options);
        for (int i = 0; i < generatedAccounts; i++) {
            HostawayAccount account = HostawaySeedAccounts.generated(i);
            standIn.addAccount(account.accountId(), account.secret(), account.listings(), account.archivedListings());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            stopped.countDown();
        }, "hostaway-stand-in-shutdown"));
        System.out.println("Hostaway stand-in listening on " + standIn.baseUrl());
        System.out.flush();
        stopped.await();
    }

    private static int intArg(String[] args, int index, String name) {
        if (index >= args.length) {
            System.err.println(name + " needs a value");
            System.exit(2);
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            System.err.println(name + " needs an integer, got " + args[index]);
            System.exit(2);
            return 0;
        }
    }
}
