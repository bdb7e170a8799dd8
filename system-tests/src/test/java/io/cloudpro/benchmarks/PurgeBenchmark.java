package io.cloudpro.benchmarks;

import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.PostgresServer;
import io.cloudpro.infra.ServiceProcess;
import io.cloudpro.testsupport.KeepAliveProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A retention purge of 100,000 expired rows - login history older than 90 days at identity-service,
 * purged as retention-service's rolling rule does it: a PURGE command on Kafka, answered with a
 * receipt once every batch is done - against a plain SQL DELETE of the same rows in the same run;
 * and the latency of identity-service's normal requests (a customer reading their login history)
 * while the purge runs, against without it. Prints figures and asserts nothing; run with
 * {@code ./mvnw verify -Pbenchmark -DskipTests -pl system-tests -Dit.test=PurgeBenchmark}.
 * <p>
 * Targets: the purge at least half the plain DELETE's speed; the p99 of normal requests during the
 * purge not more than double the p99 without it.
 */
class PurgeBenchmark {

    static final int ROWS = Integer.getInteger("benchmark.purge.rows", 100_000);
    static final int CLIENTS = 4;
    static final int ROUNDS = 3;
    /** The purge beside normal requests removes this many times {@link #ROWS}, to last long enough for a p99. */
    static final int LOADED_ROUNDS = 10;
    /** Purges beside normal requests, their requests pooled for the p99. */
    static final int LOADED_RUNS = 5;
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 15));
    static final String HISTORY = "/api/v1/me/logins";

    @TempDir
    Path dataDir;

    @Test
    void purgeRateAndLatencyOfNormalRequestsMeanwhile() throws Exception {
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(
                Path.of(System.getProperty("suite.root", "..")), dataDir, List.of("identity-service"), line -> { }))) {
            ServiceProcess identity = suite.services().get("identity-service");
            Map<String, String> reader = Map.of("Authorization", "Bearer " + RequestPathBenchmark.customerToken(suite));
            RequestPathBenchmark.customerToken(suite); // a second customer: the expired rows are copies of its login
            try (Connection db = DriverManager.getConnection(suite.postgres().jdbcUrl("identity"), "identity", "local-only");
                 Results results = new Results(suite.kafka().bootstrapServers())) {
                String template = template(db);
                // the benchmark vacuums after each fill itself; an autovacuum worker woken by one
                // side's deletes would otherwise compete with whichever DELETE comes next
                db.createStatement().execute("ALTER TABLE login_attempt SET (autovacuum_enabled = false)");
                Instant cutoff = Instant.now().minus(90, ChronoUnit.DAYS);

                // first, two purges of as many rows as a service that purged this category before: they
                // compile the purge path as the DELETE's is, and take the batch size from where every
                // category starts (cloudpro.privacy.purge.batch-size) to what fits the batch time -
                // timed, and printed apart; then three rounds of: the raw baseline (one DELETE statement
                // for the rows), then the purge of the same number of rows as retention-service sends
                // it, with nothing else going on
                List<Double> learning = new java.util.ArrayList<>();
                for (int purge = 0; purge < 2; purge++) {
                    expire(db, suite.postgres(), template, ROWS);
                    results.purge(cutoff, Duration.ofMinutes(5));
                    learning.add(purgeMillis(identity) / 1000.0);
                }
                List<Double> plain = new java.util.ArrayList<>();
                List<Double> purged = new java.util.ArrayList<>();
                List<Double> endToEnd = new java.util.ArrayList<>();
                int deleted = 0;
                String receipt = null;
                long cpuBefore = RequestPathBenchmark.cpuMillis(identity);
                for (int round = 0; round < ROUNDS; round++) {
                    expire(db, suite.postgres(), template, ROWS);
                    long start = System.nanoTime();
                    deleted = db.createStatement().executeUpdate("DELETE FROM login_attempt WHERE occurred_at < now() - interval '90 days'");
                    plain.add((System.nanoTime() - start) / 1e9);
                    expire(db, suite.postgres(), template, ROWS);
                    start = System.nanoTime();
                    receipt = results.purge(cutoff, Duration.ofMinutes(5));
                    endToEnd.add((System.nanoTime() - start) / 1e9);
                    purged.add(purgeMillis(identity) / 1000.0);
                }
                double serviceCpu = (RequestPathBenchmark.cpuMillis(identity) - cpuBefore) / 1000.0 / ROUNDS;
                long left = count(db, "SELECT count(*) FROM login_attempt WHERE occurred_at < now() - interval '90 days'");
                double plainSeconds = median(plain);
                double purgeSeconds = median(purged);
                double endToEndSeconds = median(endToEnd);

                // normal requests without a purge (after a warm-up), then while one runs - five purges,
                // their requests pooled, so that the p99 rests on a few thousand requests
                KeepAliveProbe.runFor(identity.port(), HISTORY, reader, CLIENTS, Duration.ofSeconds(10));
                List<KeepAliveProbe.Result> busyRuns = new java.util.ArrayList<>();
                double busySeconds = 0;
                KeepAliveProbe.Result quiet = null;
                for (int run = 0; run < LOADED_RUNS; run++) {
                    expire(db, suite.postgres(), template, ROWS * LOADED_ROUNDS); // enough for a purge that lasts a few seconds
                    if (quiet == null) {
                        quiet = KeepAliveProbe.runFor(identity.port(), HISTORY, reader, CLIENTS, PHASE);
                    }
                    AtomicBoolean purging = new AtomicBoolean(true);
                    CompletableFuture<KeepAliveProbe.Result> during = CompletableFuture.supplyAsync(() ->
                            KeepAliveProbe.runWhile(identity.port(), HISTORY, reader, CLIENTS, purging::get));
                    long start = System.nanoTime();
                    results.purge(cutoff, Duration.ofMinutes(5));
                    busySeconds += (System.nanoTime() - start) / 1e9;
                    purging.set(false);
                    busyRuns.add(during.get());
                }
                KeepAliveProbe.Result busy = pooled(busyRuns);
                busySeconds /= LOADED_RUNS;

                double plainRate = deleted / plainSeconds;
                double purgeRate = ROWS / purgeSeconds;
                System.out.printf(Locale.ROOT, """

                        PURGE BENCHMARK (%d cores shared by identity-service, PostgreSQL, Kafka and the load generator)
                          medians of %d rounds (each round's times: plain %s, purge %s s)
                          plain DELETE      %,d rows in one statement               %8.3f s   %,10.0f rows/s   (baseline, same run)
                          retention purge   %,d rows, in batches (the service's log)  %8.3f s   %,10.0f rows/s = %.2f of the plain DELETE
                                            (the category's first two purges, from the starting batch size: %s s)
                                            PURGE sent to receipt on Kafka %.3f s; identity-service CPU %.2f s a round
                                            rows left older than the cut-off: %d; receipt: %s
                          normal requests   GET %s, %d clients at full speed
                                  no purge  %8.0f req/s   p50 %6.2f  p95 %6.2f  p99 %6.2f ms
                            during purge    %8.0f req/s   p50 %6.2f  p95 %6.2f  p99 %6.2f ms  = p99 x %.2f   (%d requests
                                            over %d purges; each of %,d rows took %.3f s = %,.0f rows/s beside them)
                          resident memory   identity-service %d MiB
                        targets: the purge at least 0.5 of the plain DELETE's rate; p99 during the purge at most x 2
                        """, Runtime.getRuntime().availableProcessors(), ROUNDS, times(plain), times(purged), deleted, plainSeconds, plainRate, ROWS, purgeSeconds,
                        purgeRate, purgeRate / plainRate, times(learning), endToEndSeconds, serviceCpu, left, receipt,
                        HISTORY, CLIENTS, quiet.perSecond(), quiet.percentileMillis(50), quiet.percentileMillis(95),
                        quiet.percentileMillis(99), busy.perSecond(), busy.percentileMillis(50), busy.percentileMillis(95),
                        busy.percentileMillis(99), busy.percentileMillis(99) / quiet.percentileMillis(99), busy.nanos().size(),
                        LOADED_RUNS, ROWS * LOADED_ROUNDS, busySeconds, ROWS * LOADED_ROUNDS / busySeconds, identity.residentMemoryBytes() >> 20);
            }
        }
    }

    private static KeepAliveProbe.Result pooled(List<KeepAliveProbe.Result> runs) {
        List<Long> nanos = new java.util.ArrayList<>();
        List<Integer> statuses = new java.util.ArrayList<>();
        long elapsed = 0;
        for (KeepAliveProbe.Result run : runs) {
            nanos.addAll(run.nanos());
            statuses.addAll(run.statuses());
            elapsed += run.elapsedNanos();
        }
        return new KeepAliveProbe.Result(nanos, statuses, elapsed);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String times(List<Double> seconds) {
        return String.join(" / ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList());
    }

    /** The duration the service logged for its last purge ("Purge ... records in N ms, B batches"). */
    private static long purgeMillis(ServiceProcess service) throws java.io.IOException {
        java.util.regex.Pattern logged = java.util.regex.Pattern.compile("Purge \\S+ of \\S+: \\d+ records in (\\d+) ms");
        long millis = -1;
        for (String line : java.nio.file.Files.readAllLines(service.logFile())) {
            java.util.regex.Matcher m = logged.matcher(line);
            if (m.find()) {
                millis = Long.parseLong(m.group(1));
            }
        }
        if (millis < 0) {
            throw new AssertionError("identity-service logged no purge");
        }
        return millis;
    }

    /** A login attempt to copy: the second customer's registration. */
    private static String template(Connection db) throws SQLException {
        try (var rs = db.createStatement().executeQuery("SELECT id::text FROM login_attempt ORDER BY occurred_at DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * {@code rows} copies of the template, dated between 91 and 120 days ago, laid out alike for
     * either side of the comparison: the space of the rows deleted before is reclaimed first (or the
     * new rows would go behind it, and the next DELETE would scan it: the side after a vacuum that
     * truncated the table would scan half the pages of the side after one that could not), the
     * statistics and the visibility map brought up to date after, and a checkpoint taken. (The
     * copy is made in a LATERAL join: {@code (f(x)).*} would call the function once per column.)
     */
    private static void expire(Connection db, PostgresServer postgres, String template, int rows) throws SQLException {
        vacuum(db);
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO login_attempt
                SELECT copy.* FROM login_attempt t, generate_series(1, ?) g,
                       LATERAL jsonb_populate_record(NULL::login_attempt, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(),
                               'occurred_at', now() - interval '91 days' - (g % 2592000) * interval '1 second')) copy
                 WHERE t.id = ?::uuid""")) {
            insert.setInt(1, rows);
            insert.setString(2, template);
            insert.executeUpdate();
        }
        vacuum(db);
        postgres.checkpoint();
    }

    private static void vacuum(Connection db) throws SQLException {
        db.createStatement().execute("VACUUM ANALYZE login_attempt");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** retention-service's PURGE of the login history rule, as it sends it. */
    private static ProducerRecord<String, String> command(String commandId, Instant cutoff) {
        String rule = UUID.randomUUID().toString();
        String command = """
                {"commandId":"%s","kind":"PURGE","subject":{"subjectId":"%s"},"targets":["identity-service"],
                 "category":"identity.login-history","cutoff":"%s","issuedAt":"%s"}""".formatted(commandId, rule, cutoff, Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>("privacy.commands", rule, command);
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "io.cloudpro.privacy.command.purge.v1",
                        "ce_source", "/cloudpro/retention-service", "ce_subject", rule, "ce_time", Instant.now().toString(),
                        "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Purges sent as retention-service sends them, and their receipts read from the end of the results topic. */
    static final class Results implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final KafkaProducer<String, String> producer;

        Results(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringSerializer(), new StringSerializer());
            producer.partitionsFor("privacy.commands"); // connected, the topic's metadata known, before the clock starts
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor("privacy.results", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition("privacy.results", p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Sends a purge of the login history before {@code cutoff} and waits for its receipt's categories. */
        String purge(Instant cutoff, Duration timeout) throws Exception {
            String commandId = UUID.randomUUID().toString();
            producer.send(command(commandId, cutoff)).get();
            return await(commandId, timeout);
        }

        /** The categories of the command's receipt. */
        String await(String commandId, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    if (record.value() != null && record.value().contains(commandId)) {
                        return RequestPathBenchmark.JSON.readTree(record.value()).path("categories").toString();
                    }
                }
            }
            throw new AssertionError("no receipt for purge " + commandId + " within " + timeout);
        }

        @Override
        public void close() {
            producer.close();
            consumer.close();
        }
    }
}
