package io.cloudpro.platform.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls to another service, against a real HTTP server: the token, one retry with a new one, and a bounded wait. */
class ServiceClientTest {

    private static HttpServer server;
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    /** Holds the stalling answer until the tests are over. */
    private static final CountDownLatch TESTS_OVER = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "service-client-test");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/api/v1/auth/service-token", exchange ->
                respond(exchange, 200, "{\"accessToken\":\"token-" + TOKENS_ISSUED.incrementAndGet() + "\",\"expiresIn\":300}"));
        server.createContext("/answers", exchange -> respond(exchange, 200, "{\"token\":\""
                + exchange.getRequestHeaders().getFirst("Authorization") + "\"}"));
        // refuses the first token it sees, as a service does after identity-service rotated its keys
        server.createContext("/refuses-first-token", exchange -> respond(exchange,
                "Bearer token-1".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401 : 200, "{}"));
        // sends its headers at once, then a few bytes of the body, then nothing until the tests are over
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("{\"categories\"".getBytes(StandardCharsets.UTF_8));
                body.flush();
                TESTS_OVER.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException | IOException e) {
                // the client gave up
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        TESTS_OVER.countDown();
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ServiceClient client() {
        String url = "http://localhost:" + server.getAddress().getPort();
        return new ServiceClient(new ServiceTokens(url, "order-service", Optional.of("secret"), new ObjectMapper()));
    }

    private static String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    @Test
    void aRefusedTokenIsFetchedAnewOnce() {
        ServiceClient client = client();
        TOKENS_ISSUED.set(0);
        ServiceClient.Answer answer = client.get(url("/refuses-first-token"));
        assertEquals(200, answer.status(), "retried with a second token");
        assertEquals(2, TOKENS_ISSUED.get());
        assertTrue(client.get(url("/answers")).body().contains("Bearer token-2"), "and kept it");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a client without the bound hangs for ever
    void aServiceThatSendsItsHeadersAndThenStallsIsGivenUpAfterTheTimeout() {
        long start = System.nanoTime();
        ServiceCallException stalled = assertThrows(ServiceCallException.class,
                () -> client().postJson(url("/stalls"), "{}", Duration.ofSeconds(1)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited < 5_000, "waited " + waited + " ms for a body that never came");
        assertTrue(stalled.getMessage().contains("within 1000 ms"), stalled.getMessage());
    }
}
