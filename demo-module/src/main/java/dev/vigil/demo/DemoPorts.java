package dev.vigil.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The ports the demo listens on, checked before its brokers start: a port another program holds stops the start with
 * one sentence per port saying which program of the demo wanted it and the variable that moves it, instead of a
 * broker's bind stack trace (Quarkus prints a {@link ConfigurationException}'s message alone).
 */
final class DemoPorts {

    /** A port the demo needs: what listens there and the environment variable that chooses another. */
    record Port(String what, int number, String variable) {
    }

    private DemoPorts() {
    }

    /** @throws ConfigurationException naming every port that is taken */
    static void checkFree(List<Port> ports) {
        List<Port> taken = ports.stream().filter(p -> !free(p.number())).toList();
        if (taken.isEmpty()) {
            return;
        }
        throw new ConfigurationException(taken.stream()
                .map(p -> "The demo's " + p.what() + " needs port " + p.number() + ", which another program is using: stop"
                        + " that program, or choose another port, e.g. " + p.variable() + "=" + spare(p.number(), ports)
                        + " ./vigil demo")
                .collect(Collectors.joining(System.lineSeparator())));
    }

    /** The first free port above {@code taken} that no other demo port claims. */
    private static int spare(int taken, List<Port> ports) {
        int candidate = taken + 1;
        while (candidate < 65535 && (!free(candidate) || claimed(candidate, ports))) {
            candidate++;
        }
        return candidate;
    }

    private static boolean claimed(int port, List<Port> ports) {
        return ports.stream().anyMatch(p -> p.number() == port);
    }

    /** Whether nothing listens on the port (any address), judged by binding it for a moment. */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
