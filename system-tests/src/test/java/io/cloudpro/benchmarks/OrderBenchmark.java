package io.cloudpro.benchmarks;

import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.ServiceProcess;
import io.cloudpro.testsupport.KeepAliveProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders placed through order-service's API by 8 concurrent customers (two lines each, with an
 * Idempotency-Key, as an app sends them), counted once their {@code order.placed} event is on Kafka:
 * orders per second and per core with their outbox events, latency percentiles, the CPU per order
 * of the service, of PostgreSQL and of the whole machine, and the service's trivial endpoint in the
 * same run as the baseline. Prints figures and
 * asserts nothing; run with
 * {@code ./mvnw verify -Pbenchmark -DskipTests -pl system-tests -Dit.test=OrderBenchmark}.
 * <p>
 * Target: 300 orders per second per core or more, with their events.
 */
class OrderBenchmark {

    static final int CLIENTS = 8;
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 15));
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warmup.seconds", 20));
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String PLACED = "io.cloudpro.order.order.placed.v1";

    @TempDir
    Path dataDir;

    @Test
    void ordersPerSecond() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(
                Path.of(System.getProperty("suite.root", "..")), dataDir, List.of("identity-service", "order-service"),
                line -> { }))) {
            ServiceProcess orders = suite.services().get("order-service");
            String admin = RequestPathBenchmark.adminToken(suite);
            String hosting = product(orders, admin, "HOSTING", 5988, "STANDARD");
            String certificate = product(orders, admin, "SSL_CERTIFICATE", 1250, "REDUCED");
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                customers.add(RequestPathBenchmark.customerToken(suite));
            }
            String body = "{\"lines\":[{\"productId\":\"" + hosting + "\",\"quantity\":1},{\"productId\":\""
                    + certificate + "\",\"quantity\":2}]}";

            // warm-up: the JIT compiles the order path, the connection pools fill
            place(orders, customers, body, WARM_UP);
            KeepAliveProbe.Result trivial = KeepAliveProbe.runFor(orders.port(), "/q/health/live", Map.of(), CLIENTS, PHASE);

            long postgres = suite.postgres().pid();
            try (PlacedEvents events = new PlacedEvents(suite.kafka().bootstrapServers())) {
                long cpuBefore = RequestPathBenchmark.cpuMillis(orders);
                long postgresBefore = RequestPathBenchmark.treeCpuMillis(postgres);
                long machineBefore = RequestPathBenchmark.machineBusyMillis();
                long start = System.nanoTime();
                Placed placed = place(orders, customers, body, PHASE);
                long apiDone = System.nanoTime();
                double serviceMillis = (RequestPathBenchmark.cpuMillis(orders) - cpuBefore) / (double) placed.ok();
                double postgresMillis = (RequestPathBenchmark.treeCpuMillis(postgres) - postgresBefore) / (double) placed.ok();
                double machineMillis = (RequestPathBenchmark.machineBusyMillis() - machineBefore) / (double) placed.ok();
                long eventsDone = events.awaitCount(placed.ok(), Duration.ofMinutes(2));
                double withEvents = placed.ok() / ((eventsDone - start) / 1e9);
                System.out.printf(Locale.ROOT, """

                        ORDER BENCHMARK (%d cores shared by order-service, identity-service, PostgreSQL, Kafka and the load
                                         generator; %d customers placing orders at once, %d s)
                          trivial endpoint  order-service GET /q/health/live     %8.0f req/s   (baseline, same run)
                          orders placed     POST /api/v1/orders (2 lines, Idempotency-Key)   %6.0f orders/s   p50 %5.2f  p95 %5.2f  p99 %6.2f ms
                          with their order.placed events on Kafka                %8.0f orders/s = %.0f per core of this machine   (last event %.0f ms after the last answer)
                          CPU per order     order-service %.2f ms = %.0f orders/s per core of order-service
                                            PostgreSQL %.2f ms, whole machine (everything above) %.2f ms
                          resident memory                                        order-service %d MiB
                          non-201 answers: %d
                        target: 300 orders per second per core with their events
                        """, cores, CLIENTS, PHASE.toSeconds(), trivial.perSecond(),
                        placed.ok() / ((apiDone - start) / 1e9), placed.percentileMillis(50), placed.percentileMillis(95),
                        placed.percentileMillis(99), withEvents, withEvents / cores, (eventsDone - apiDone) / 1e6,
                        serviceMillis, 1000 / serviceMillis, postgresMillis, machineMillis,
                        orders.residentMemoryBytes() >> 20, placed.failed());
            }
        }
    }

    static String product(ServiceProcess orders, String admin, String kind, long cents, String rate) throws Exception {
        String sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(orders.baseUrl() + "/api/v1/products"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"name\":\"Bench " + kind
                        + "\",\"kind\":\"" + kind + "\",\"unitPriceCents\":" + cents + ",\"vatRate\":\"" + rate + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("product: " + response.statusCode() + " " + response.body());
        }
        return RequestPathBenchmark.JSON.readTree(response.body()).path("id").asText();
    }

    /** What the clients placed: latencies of the orders made, and how many answers were not 201. */
    record Placed(List<Long> nanos, long failed) {
        long ok() {
            return nanos.size();
        }

        double percentileMillis(double percentile) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
        }
    }

    /** Each customer's client places orders one after another, each with a new Idempotency-Key, for {@code duration}. */
    static Placed place(ServiceProcess orders, List<String> customers, String body, Duration duration) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(customers.size());
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong failed = new AtomicLong();
        List<Future<List<Long>>> running = new ArrayList<>();
        for (String token : customers) {
            running.add(clients.submit(() -> {
                List<Long> nanos = new ArrayList<>();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orders.baseUrl() + "/api/v1/orders"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    HttpResponse<Void> response = HTTP.send(request.copy()
                            .header("Idempotency-Key", UUID.randomUUID().toString()).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 201) {
                        nanos.add(System.nanoTime() - sent);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return nanos;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> client : running) {
            all.addAll(client.get());
        }
        clients.shutdown();
        return new Placed(all, failed.get());
    }

    /** Counts order.placed events arriving on orders.events from now on (a consumer assigned to the topic's end). */
    static final class PlacedEvents implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;

        PlacedEvents(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor("orders.events", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition("orders.events", p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Waits for {@code count} events (polling while the orders are placed would compete with them); the time the last came. */
        long awaitCount(long count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long seen = 0;
            long lastAt = System.nanoTime();
            while (seen < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && PLACED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        seen++;
                        lastAt = System.nanoTime();
                    }
                }
            }
            if (seen < count) {
                throw new AssertionError("only " + seen + " of " + count + " order.placed events arrived within " + timeout);
            }
            return lastAt;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
