package com.hostmcp.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for the launchers and the stack under test, so that the tests never collide with a
 * local stack a developer is running on the default ports (8080-8091, 9092-9093, 5433).
 *
 * <p>
 * Ports come from 20000-32767, below the ephemeral ranges of Linux (32768-60999) and macOS (49152-65535): a port
 * chosen here is not taken in the meantime by some process's outgoing connection before the launcher binds it.
 */
final class TestPorts {

    private static final int LOW = 20000;
    private static final int HIGH = 32767;

    private TestPorts() {
    }

    static int[] free(int count) {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt > 10_000) {
                throw new IllegalStateException("no " + count + " free ports in " + LOW + "-" + HIGH);
            }
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH + 1);
            if (!chosen.contains(port) && canBind(port)) {
                chosen.add(port);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    static int free() {
        return free(1)[0];
    }

    static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A socket listening on 127.0.0.1 on a free port, to make a launcher meet a busy port. */
    static ServerSocket occupy() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), free()));
        return socket;
    }
}
