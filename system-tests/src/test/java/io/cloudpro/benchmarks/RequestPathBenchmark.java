package io.cloudpro.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.MailCatcher;
import io.cloudpro.infra.ServiceProcess;
import io.cloudpro.testsupport.KeepAliveProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request path every service shares: a trivial endpoint, an authenticated read, and the raw
 * speed of PostgreSQL for a single-row select on the same machine, measured in one run at 8
 * keep-alive connections. Prints figures and asserts nothing; run with
 * {@code ./mvnw verify -Pbenchmark -DskipTests -pl system-tests -am}.
 * <p>
 * Targets: an authenticated read by id at 1,000 requests/s per core or better (GET /api/v1/me at
 * 2,000/s or more on two cores, load generator included) with p99 under 50 ms.
 */
class RequestPathBenchmark {

    static final int CONNECTIONS = 8;
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 15));
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dataDir;

    @Test
    void requestPath() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(
                Path.of(System.getProperty("suite.root", "..")), dataDir, List.of("identity-service", "order-service"),
                line -> { }))) {
            ServiceProcess identity = suite.services().get("identity-service");
            ServiceProcess orders = suite.services().get("order-service");
            String customer = customerToken(suite);
            String admin = adminToken(suite);
            Map<String, String> asCustomer = Map.of("Authorization", "Bearer " + customer);
            Map<String, String> asAdmin = Map.of("Authorization", "Bearer " + admin);

            // warm-up: the JIT needs tens of seconds to compile the request path fully (C2)
            KeepAliveProbe.runFor(identity.port(), "/q/health/live", Map.of(), CONNECTIONS, Duration.ofSeconds(5));
            KeepAliveProbe.runFor(identity.port(), "/api/v1/me", asCustomer, CONNECTIONS, Duration.ofSeconds(30));
            KeepAliveProbe.runFor(orders.port(), "/api/v1/operations/outbox", asAdmin, CONNECTIONS, Duration.ofSeconds(20));

            KeepAliveProbe.Result health = KeepAliveProbe.runFor(identity.port(), "/q/health/live", Map.of(), CONNECTIONS, PHASE);
            long cpuBefore = cpuMillis(identity);
            KeepAliveProbe.Result me = KeepAliveProbe.runFor(identity.port(), "/api/v1/me", asCustomer, CONNECTIONS, PHASE);
            double cpuPerRead = (cpuMillis(identity) - cpuBefore) / (double) me.nanos().size();
            KeepAliveProbe.Result outbox = KeepAliveProbe.runFor(orders.port(), "/api/v1/operations/outbox", asAdmin,
                    CONNECTIONS, PHASE);
            double selects = singleRowSelects(suite, PHASE.dividedBy(2));

            System.out.printf(Locale.ROOT, """

                    REQUEST PATH BENCHMARK (%d cores shared by the services, PostgreSQL, Kafka and the load generator;
                                            %d keep-alive connections, %d s per phase)
                      trivial endpoint   identity  GET /q/health/live          %8.0f req/s   p50 %5.2f  p99 %6.2f ms
                      authenticated read identity  GET /api/v1/me              %8.0f req/s   p50 %5.2f  p95 %5.2f  p99 %6.2f ms  max %6.1f ms
                        service CPU per read (token check, session check, profile query)   %5.2f ms
                      authenticated read order     GET /api/v1/operations/outbox %6.0f req/s   p50 %5.2f  p95 %5.2f  p99 %6.2f ms
                      PostgreSQL single-row select by primary key, %d JDBC clients  %8.0f selects/s
                      ratios: /me = %.2f of the trivial endpoint, %.2f of PostgreSQL's select rate; %.0f reads/s per core
                      non-200 answers: %d
                    """, cores, CONNECTIONS, PHASE.toSeconds(),
                    health.perSecond(), health.percentileMillis(50), health.percentileMillis(99),
                    me.perSecond(), me.percentileMillis(50), me.percentileMillis(95), me.percentileMillis(99),
                    me.percentileMillis(100), cpuPerRead,
                    outbox.perSecond(), outbox.percentileMillis(50), outbox.percentileMillis(95), outbox.percentileMillis(99),
                    CONNECTIONS, selects,
                    me.perSecond() / health.perSecond(), me.perSecond() / selects, me.perSecond() / cores,
                    health.nanos().size() - health.count(200) + me.nanos().size() - me.count(200)
                            + outbox.nanos().size() - outbox.count(200));
        }
    }

    /** A confirmed customer, logged in. */
    static String customerToken(LocalSuite suite) throws Exception {
        String base = suite.baseUrl("identity-service");
        String email = "bench-" + UUID.randomUUID() + "@example.nl";
        post(base + "/api/v1/accounts", """
                {"firstName":"Bench","lastName":"Mark","email":"%s","password":"%s",
                 "address":{"street":"Dorpsstraat 1","postalCode":"5042 CR","city":"Tilburg","country":"NL"}}"""
                .formatted(email, PASSWORD), 201);
        try (Connection db = DriverManager.getConnection(suite.postgres().jdbcUrl("identity"), "identity", "local-only")) {
            db.createStatement().executeUpdate("UPDATE credential SET email_verified = true WHERE email = '" + email + "'");
        }
        return login(base, email, PASSWORD);
    }

    /** The first admin, activated with the link from the captured mail. */
    static String adminToken(LocalSuite suite) throws Exception {
        String base = suite.baseUrl("identity-service");
        MailCatcher.Mail activation = null;
        for (int i = 0; i < 150 && activation == null; i++) {
            activation = suite.mail().messagesTo(LocalSuite.LOCAL_ADMIN_EMAIL).stream().findFirst().orElse(null);
            Thread.sleep(200);
        }
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(activation.body());
        token.find();
        post(base + "/api/v1/auth/activate", "{\"token\":\"" + token.group(1) + "\",\"password\":\"" + PASSWORD + "\"}", 204);
        return login(base, LocalSuite.LOCAL_ADMIN_EMAIL, PASSWORD);
    }

    static String login(String base, String email, String password) throws Exception {
        String body = post(base + "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 200);
        return JSON.readTree(body).path("accessToken").asText();
    }

    static String post(String url, String json, int expected) throws Exception {
        return post(url, json, expected, null);
    }

    /** The same as the holder of {@code token} (none when null). */
    static String post(String url, String json, int expected, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Single-row selects by primary key from {@code CONNECTIONS} JDBC connections: the database's own speed. */
    static double singleRowSelects(LocalSuite suite, Duration duration) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(suite.postgres().jdbcUrl("identity"), "identity", "local-only");
             ResultSet rows = db.createStatement().executeQuery("SELECT id FROM account")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Future<Long>> counts = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            counts.add(clients.submit(() -> {
                long done = 0;
                try (Connection db = DriverManager.getConnection(suite.postgres().jdbcUrl("identity"), "identity", "local-only");
                     PreparedStatement select = db.prepareStatement("SELECT first_name, last_name FROM account WHERE id = ?")) {
                    while (System.nanoTime() < end) {
                        select.setObject(1, ids.get((int) (done % ids.size())));
                        try (ResultSet row = select.executeQuery()) {
                            row.next();
                        }
                        done++;
                    }
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        clients.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** CPU time (user + system) the process has used, in milliseconds (Linux /proc; clock ticks of 10 ms). */
    static long cpuMillis(ServiceProcess process) throws Exception {
        return cpuMillis(process.pid(), false);
    }

    /**
     * CPU time of a process and all its children - live ones and those that ended - in milliseconds:
     * for PostgreSQL, whose work is done by one child process per connection.
     */
    static long treeCpuMillis(long pid) throws Exception {
        long total = cpuMillis(pid, true);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            try {
                total += cpuMillis(child.pid(), false);
            } catch (java.io.IOException gone) {
                // ended between listing and reading: counted in the parent's children time from now on
            }
        }
        return total;
    }

    /** All CPU time the machine spent not idle, in milliseconds, summed over its cores. */
    static long machineBusyMillis() throws Exception {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            if (i != 4 && i != 5 && i != 8) { // idle, iowait, steal
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy * 10;
    }

    private static long cpuMillis(long pid, boolean withEndedChildren) throws Exception {
        String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split("\\) ")[1].split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        if (withEndedChildren) {
            ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        }
        return ticks * 10;
    }
}
