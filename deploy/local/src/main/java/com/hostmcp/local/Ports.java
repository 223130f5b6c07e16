package com.hostmcp.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks with readable failures. */
final class Ports {

    private Ports() {
    }

    /** Exits with code 1 and a clear message if {@code port} cannot be bound on 127.0.0.1. */
    static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            System.err.println("ERROR: port " + port + " (" + what + ") is already in use on 127.0.0.1: "
                    + e.getMessage() + ". Stop whatever listens there (e.g. `ss -ltnp 'sport = :" + port
                    + "'`) or choose another port.");
            System.exit(1);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
