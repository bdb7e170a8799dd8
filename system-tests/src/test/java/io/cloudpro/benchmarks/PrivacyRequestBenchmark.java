package io.cloudpro.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.systemtests.SuiteClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Data-subject requests end to end on the packaged suite (all four services as participants):
 * for batches of N erasure requests filed at once (three of 10, then 40), the machine time from the
 * verified request to its completion - every participant answered - as p50/p95/p99, beside one
 * erasure filed alone and the raw Kafka round trip measured in the same run; then the time to answer
 * an access request for a person with a large login history. The services are warmed up first with
 * a batch that is reported apart: a service in production has long been running. Run with
 * {@code ./mvnw verify -Pbenchmark -DskipTests -pl system-tests -Dit.test=PrivacyRequestBenchmark}
 * ({@code -Dbenchmark.requests=10,40 -Dbenchmark.warm-up=80 -Dbenchmark.history=20000} change the
 * sizes); it prints figures and asserts nothing.
 * <p>
 * Target: p99 under 2 s from verified to completed with the participants running.
 */
class PrivacyRequestBenchmark {

    /** How many erasures are filed at once, batch after batch. */
    static final List<Integer> BATCHES = java.util.Arrays.stream(System.getProperty("benchmark.requests", "10,10,10,40").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    static final int ALONE = 5;
    /** Erasures filed at once before anything is measured; their figures are printed apart. */
    static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 80);
    static final int HISTORY = Integer.getInteger("benchmark.history", 20_000);
    static final String REQUESTS_TOPIC = "privacy.requests";
    static final String COMPLETED_TYPE = "io.cloudpro.privacy.request.completed.v1";

    @TempDir
    Path dataDir;

    @Test
    void erasuresAndALargeExport() throws Exception {
        // -Dbenchmark.data-dir=... keeps the suite's logs for a look afterwards
        Path data = System.getProperty("benchmark.data-dir") == null ? dataDir : Path.of(System.getProperty("benchmark.data-dir"));
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(Path.of(System.getProperty("suite.root", "..")),
                data, LocalSuite.SERVICES.stream().map(LocalSuite.Service::name).toList(), line -> { }))) {
            SuiteClient client = new SuiteClient(suite);
            String officer = client.staff(client.activateFirstAdmin(), "officer@cloudpro.local", "privacy-officer");

            int needed = 5 + WARM_UP + ALONE + BATCHES.stream().mapToInt(Integer::intValue).sum();
            List<SuiteClient.Customer> customers = new ArrayList<>(register(client, needed));
            // warm-up, not measured: the JIT compiles the request path of every service, the pools fill
            for (SuiteClient.Customer customer : take(customers, 5)) {
                erase(client, officer, customer);
            }
            String coldBatch = batch(suite, client, officer, take(customers, WARM_UP));
            List<Timing> alone = new ArrayList<>();
            for (SuiteClient.Customer customer : take(customers, ALONE)) {
                alone.add(erase(client, officer, customer));
            }
            StringBuilder batches = new StringBuilder();
            for (int size : BATCHES) {
                batches.append(batch(suite, client, officer, take(customers, size)));
            }
            List<Long> kafka = kafkaRoundTrips(suite.kafka().bootstrapServers(), 200);
            long[] export = largeExport(suite, client);
            System.out.printf(Locale.ROOT, """

                    PRIVACY REQUEST BENCHMARK (%d cores, all four services, one PostgreSQL, one Kafka broker)
                      raw Kafka produce->consume round trip     p50 %6.1f ms   p99 %6.1f ms   (baseline, same run)
                      warm-up on fresh JVMs, not counted: %s
                      one erasure alone, verified->completed     p50 %6d ms   max %6d ms   (%d requests)
                    %s%s  access request, %d logins in the history   %d ms to completed, package %d KiB
                      resident memory                            privacy-rights-service %d MiB, identity-service %d MiB
                    target: p99 under 2,000 ms
                    """, Runtime.getRuntime().availableProcessors(),
                    pct(kafka, 50) / 1000.0, pct(kafka, 99) / 1000.0, coldBatch.lines().findFirst().orElse("").trim(),
                    pct(alone, Timing::total, 50), pct(alone, Timing::total, 100), ALONE, breakdown(alone),
                    batches, HISTORY, export[0], export[1] / 1024,
                    suite.services().get("privacy-rights-service").residentMemoryBytes() >> 20,
                    suite.services().get("identity-service").residentMemoryBytes() >> 20);
        }
    }

    /**
     * Files {@code customers.size()} erasures at once - one client each, all filed within a few
     * milliseconds - and learns of each completion from the {@code privacy.requests} topic, as an
     * integrator would: watching costs the services nothing. Their figures as text.
     */
    static String batch(LocalSuite suite, SuiteClient client, String officer, List<SuiteClient.Customer> customers)
            throws Exception {
        ExecutorService filing = Executors.newFixedThreadPool(customers.size());
        try (Completions completions = new Completions(suite.kafka().bootstrapServers())) {
            Map<String, Duration> cpuBefore = cpu(suite);
            Instant start = Instant.now();
            List<Future<Filed>> filed = new ArrayList<>();
            for (SuiteClient.Customer customer : customers) {
                filed.add(filing.submit(() -> file(client, customer)));
            }
            List<Filed> requests = new ArrayList<>();
            for (Future<Filed> request : filed) {
                requests.add(request.get());
            }
            completions.awaitAll(requests.stream().map(Filed::id).toList(), Duration.ofMinutes(5));
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            Map<String, Duration> cpuAfter = cpu(suite);
            List<Timing> timings = new ArrayList<>();
            for (Filed request : requests) {
                timings.add(timing(client, officer, request));
            }
            StringBuilder cpu = new StringBuilder();
            double total = 0;
            for (String service : cpuAfter.keySet()) {
                double used = cpuAfter.get(service).minus(cpuBefore.get(service)).toMillis() / 1000.0;
                total += used;
                cpu.append(String.format(Locale.ROOT, " %s %.1f s", service.replace("-service", ""), used));
            }
            return String.format(Locale.ROOT,
                    "  %2d erasures at once, verified->completed   p50 %6d ms   p95 %6d ms   p99 %6d ms   max %6d ms%n"
                            + "%s        throughput %.1f erasures/s (%d in %.1f s, every participant answering each)%n"
                            + "        service CPU during the batch: %.1f s of %.1f s on %d cores (%s), %.0f ms per erasure%n",
                    customers.size(), pct(timings, Timing::total, 50), pct(timings, Timing::total, 95),
                    pct(timings, Timing::total, 99), pct(timings, Timing::total, 100), breakdown(timings),
                    customers.size() / seconds, customers.size(), seconds,
                    total, seconds * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(),
                    cpu.toString().trim(), total * 1000 / customers.size());
        } finally {
            filing.shutdown();
        }
    }

    /**
     * The ids of completed requests as privacy-rights-service announces them on {@code privacy.requests}
     * (a consumer of its own, assigned to the topic's end before anything is filed).
     */
    static final class Completions implements AutoCloseable {

        private final Set<String> completed = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread poller;

        Completions(String bootstrap) {
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(REQUESTS_TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(REQUESTS_TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = new Thread(() -> {
                try (consumer) {
                    while (!closed.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            Header type = record.headers().lastHeader("ce_type");
                            if (type != null && new String(type.value(), StandardCharsets.UTF_8).equals(COMPLETED_TYPE)) {
                                synchronized (completed) {
                                    completed.add(record.key());
                                    completed.notifyAll();
                                }
                            }
                        }
                    }
                }
            }, "benchmark-completions");
            poller.start();
        }

        /** Returns as soon as the last of {@code ids} is announced (the poller wakes it on every completion). */
        void awaitAll(List<String> ids, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (completed) {
                while (!completed.containsAll(ids)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError(ids.stream().filter(id -> !completed.contains(id)).count()
                                + " erasures did not complete within " + timeout);
                    }
                    completed.wait(Math.max(1, left / 1_000_000));
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            closed.set(true);
            poller.join();
        }
    }

    /** CPU time each service's JVM has used so far. */
    static Map<String, Duration> cpu(LocalSuite suite) {
        Map<String, Duration> used = new java.util.TreeMap<>();
        suite.services().forEach((name, service) -> used.put(name, ProcessHandle.of(service.pid())
                .flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO)));
        return used;
    }

    /** Removes and returns the first {@code count}. */
    static List<SuiteClient.Customer> take(List<SuiteClient.Customer> customers, int count) {
        List<SuiteClient.Customer> taken = new ArrayList<>(customers.subList(0, count));
        customers.subList(0, count).clear();
        return taken;
    }

    /** Registers customers two at a time (each registration and login hashes a password). */
    static List<SuiteClient.Customer> register(SuiteClient client, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<SuiteClient.Customer>> registered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            registered.add(pool.submit(() -> client.register("Bench", true)));
        }
        List<SuiteClient.Customer> customers = new ArrayList<>();
        for (Future<SuiteClient.Customer> customer : registered) {
            customers.add(customer.get());
        }
        pool.shutdown();
        return customers;
    }

    /**
     * Where one request's time went, in milliseconds: from filing until the commands were sent (the
     * subject lookup and the dispatch), until the last participant answered, until completed; and
     * each participant's time from command to answer.
     */
    record Timing(long total, long dispatched, long answered, long completed, Map<String, Long> perService) {
    }

    /** A request as filed: its id, and when the client sent it. */
    record Filed(String id, Instant at) {
    }

    static Filed file(SuiteClient client, SuiteClient.Customer customer) {
        Instant at = Instant.now();
        HttpResponse<String> response = client.send("POST", client.privacyRights() + "/api/v1/privacy/requests",
                customer.token(), "{\"type\":\"ERASURE\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError(response.body());
        }
        return new Filed(SuiteClient.json(response).path("id").asText(), at);
    }

    /** Files one erasure and waits for it (polling the officer's view every 100 ms: nothing else runs). */
    static Timing erase(SuiteClient client, String officer, SuiteClient.Customer customer) {
        Filed request = file(client, customer);
        client.await(client.privacyRights() + "/api/v1/privacy/officer/requests/" + request.id(), officer,
                r -> r.path("status").asText().equals("COMPLETED"), Duration.ofSeconds(120), Duration.ofMillis(100),
                "erasure " + request.id());
        return timing(client, officer, request);
    }

    /**
     * Where a completed request's time went, from the times the service recorded (the officer's view:
     * the erased customer's own token no longer works), measured from the filing.
     */
    static Timing timing(SuiteClient client, String officer, Filed request) {
        JsonNode done = SuiteClient.json(client.get(client.privacyRights() + "/api/v1/privacy/officer/requests/"
                + request.id(), officer));
        Instant sent = Instant.MAX;
        Instant lastAnswer = Instant.MIN;
        Map<String, Long> perService = new java.util.TreeMap<>();
        for (JsonNode participant : done.path("participants")) {
            Instant sentAt = Instant.parse(participant.path("sentAt").asText());
            Instant answeredAt = Instant.parse(participant.path("answeredAt").asText());
            sent = sentAt.isBefore(sent) ? sentAt : sent;
            lastAnswer = answeredAt.isAfter(lastAnswer) ? answeredAt : lastAnswer;
            perService.put(participant.path("service").asText(), Duration.between(sentAt, answeredAt).toMillis());
        }
        Instant filed = request.at();
        Instant completed = Instant.parse(done.path("completedAt").asText());
        return new Timing(Duration.between(filed, completed).toMillis(), Duration.between(filed, sent).toMillis(),
                Duration.between(sent, lastAnswer).toMillis(), Duration.between(lastAnswer, completed).toMillis(), perService);
    }

    static String breakdown(List<Timing> timings) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "        filed -> commands sent (lookup, dispatch) p50 %5d ms  p99 %5d ms%n"
                        + "        sent -> last participant answered       p50 %5d ms  p99 %5d ms%n"
                        + "        last answer -> completed                p50 %5d ms  p99 %5d ms%n",
                pct(timings, Timing::dispatched, 50), pct(timings, Timing::dispatched, 99),
                pct(timings, Timing::answered, 50), pct(timings, Timing::answered, 99),
                pct(timings, Timing::completed, 50), pct(timings, Timing::completed, 99)));
        for (String service : timings.get(0).perService().keySet()) {
            text.append(String.format(Locale.ROOT, "        %-30s command -> answer  p50 %5d ms  p99 %5d ms%n", service,
                    pct(timings, t -> t.perService().getOrDefault(service, 0L), 50),
                    pct(timings, t -> t.perService().getOrDefault(service, 0L), 99)));
        }
        return text.toString();
    }

    static long pct(List<Timing> timings, java.util.function.ToLongFunction<Timing> part, int percentile) {
        return pct(timings.stream().map(t -> part.applyAsLong(t)).toList(), percentile);
    }

    /** A customer with {@link #HISTORY} logins: milliseconds to the completed access request, and the package's bytes. */
    static long[] largeExport(LocalSuite suite, SuiteClient client) throws Exception {
        SuiteClient.Customer customer = client.register("History", true);
        try (Connection db = DriverManager.getConnection(suite.postgres().jdbcUrl("identity"), "identity", "local-only");
             // copies of the customer's real login, each a minute earlier: every column as the service writes it
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO login_attempt
                     SELECT (jsonb_populate_record(a, jsonb_build_object('id', gen_random_uuid(),
                             'occurred_at', now() - g * interval '1 minute'))).*
                     FROM generate_series(1, ?) g, login_attempt a
                     WHERE a.id = (SELECT id FROM login_attempt
                                   WHERE credential_id = (SELECT id FROM credential WHERE email = ?) LIMIT 1)""")) {
            insert.setInt(1, HISTORY);
            insert.setString(2, customer.email());
            insert.executeUpdate();
        }
        Instant filed = Instant.now();
        HttpResponse<String> response = client.send("POST", client.privacyRights() + "/api/v1/privacy/requests",
                customer.token(), "{\"type\":\"ACCESS\"}");
        String id = SuiteClient.json(response).path("id").asText();
        client.await(client.privacyRights() + "/api/v1/privacy/requests/" + id, customer.token(),
                r -> r.path("status").asText().equals("COMPLETED"), Duration.ofSeconds(300), "access " + id);
        long millis = Duration.between(filed, Instant.now()).toMillis();
        HttpResponse<String> pack = client.get(client.privacyRights() + "/api/v1/privacy/requests/" + id + "/package",
                customer.token());
        return new long[]{millis, pack.body().length()};
    }

    /** Microseconds from send to receipt of {@code count} small records, one at a time. */
    static List<Long> kafkaRoundTrips(String bootstrap, int count) {
        String topic = "benchmark.round-trip";
        List<Long> micros = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                     new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm-up")).get();
            // assigned, not subscribed: no group to join, and the position is set before the first send
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            for (int i = 0; i < count; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, Integer.toString(i)));
                long deadline = sent + Duration.ofSeconds(5).toNanos();
                boolean received = false;
                while (!received && System.nanoTime() < deadline) {
                    received = !consumer.poll(Duration.ofMillis(100)).isEmpty();
                }
                if (!received) {
                    throw new IllegalStateException("a record did not come back within 5 s");
                }
                micros.add((System.nanoTime() - sent) / 1000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka round trip", e);
        }
        return micros;
    }

    static long pct(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
