package io.cloudpro.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.ServiceProcess;
import io.cloudpro.testsupport.KeepAliveProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Invoices issued through order-service's API by 8 concurrent clients, each for an order of its own
 * customer placed beforehand: per invoice the buyer's details are read from identity-service, the
 * number taken from the year's series, the invoice written with its invoice.issued event, and its
 * PDF and UBL documents rendered and kept. Prints invoices per second, latency percentiles, CPU per
 * invoice, the service's trivial endpoint as the baseline in the same run, and the series check's
 * gap and duplicate counts - which must be zero. Run with
 * {@code ./mvnw verify -Pbenchmark -DskipTests -pl system-tests -Dit.test=InvoiceBenchmark}.
 */
class InvoiceBenchmark {

    static final int CLIENTS = 8;
    static final int ORDERS_PER_CLIENT = Integer.getInteger("benchmark.orders", 250);
    static final int WARM_UP_PER_CLIENT = 40;

    @TempDir
    Path dataDir;

    @Test
    void invoicesPerSecond() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(
                Path.of(System.getProperty("suite.root", "..")), dataDir, List.of("identity-service", "order-service"),
                line -> { }))) {
            ServiceProcess orders = suite.services().get("order-service");
            ServiceProcess identity = suite.services().get("identity-service");
            String admin = RequestPathBenchmark.adminToken(suite);
            String hosting = OrderBenchmark.product(orders, admin, "HOSTING", 5988, "STANDARD");
            String certificate = OrderBenchmark.product(orders, admin, "SSL_CERTIFICATE", 1250, "REDUCED");
            String body = "{\"lines\":[{\"productId\":\"" + hosting + "\",\"quantity\":1},{\"productId\":\""
                    + certificate + "\",\"quantity\":2}]}";
            List<String> customers = new ArrayList<>();
            List<ConcurrentLinkedQueue<String>> ordersOf = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String token = RequestPathBenchmark.customerToken(suite);
                customers.add(token);
                ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
                for (int o = 0; o < ORDERS_PER_CLIENT + WARM_UP_PER_CLIENT; o++) {
                    queue.add(RequestPathBenchmark.JSON.readTree(RequestPathBenchmark.post(orders.baseUrl() + "/api/v1/orders", body,
                            201, token)).path("id").asText());
                }
                ordersOf.add(queue);
            }

            issue(orders, customers, ordersOf, WARM_UP_PER_CLIENT); // the JIT compiles the invoice path, PDFBox loads its fonts
            KeepAliveProbe.Result trivial = KeepAliveProbe.runFor(orders.port(), "/q/health/live", Map.of(), CLIENTS,
                    Duration.ofSeconds(10));

            long ordersCpu = RequestPathBenchmark.cpuMillis(orders);
            long identityCpu = RequestPathBenchmark.cpuMillis(identity);
            long start = System.nanoTime();
            Issued issued = issue(orders, customers, ordersOf, ORDERS_PER_CLIENT);
            double seconds = (System.nanoTime() - start) / 1e9;
            double ordersCpuPer = (RequestPathBenchmark.cpuMillis(orders) - ordersCpu) / (double) issued.nanos().size();
            double identityCpuPer = (RequestPathBenchmark.cpuMillis(identity) - identityCpu) / (double) issued.nanos().size();

            JsonNode check = RequestPathBenchmark.JSON.readTree(OrderBenchmark.HTTP.send(HttpRequest.newBuilder(
                    URI.create(orders.baseUrl() + "/api/v1/invoices/series-check")).header("Authorization", "Bearer " + admin)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            OrderBenchmark.Placed latencies = new OrderBenchmark.Placed(issued.nanos(), issued.failed());
            System.out.printf(Locale.ROOT, """

                    INVOICE BENCHMARK (%d cores shared by order-service, identity-service, PostgreSQL, Kafka and the load
                                       generator; %d clients issuing at once, %d invoices each)
                      trivial endpoint   order-service GET /q/health/live   %8.0f req/s   (baseline, same run)
                      invoices issued    POST /api/v1/orders/{id}/invoice   %8.1f invoices/s   p50 %5.1f  p95 %5.1f  p99 %6.1f ms
                                         (buyer from identity-service, number, invoice.issued event, PDF and UBL kept)
                      CPU per invoice    order-service %.1f ms, identity-service %.1f ms
                      resident memory    order-service %d MiB
                      numbers            %d issued, %d distinct; series check: %d gaps, %d duplicates (must be 0)
                      non-2xx answers: %d
                    """, cores, CLIENTS, ORDERS_PER_CLIENT, trivial.perSecond(), issued.nanos().size() / seconds,
                    latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.percentileMillis(99),
                    ordersCpuPer, identityCpuPer, orders.residentMemoryBytes() >> 20, issued.numbers().size(),
                    new HashSet<>(issued.numbers()).size(), check.path("gaps").asLong(), check.path("duplicates").asLong(),
                    issued.failed());
            if (check.path("gaps").asLong() != 0 || check.path("duplicates").asLong() != 0
                    || new HashSet<>(issued.numbers()).size() != issued.numbers().size()) {
                throw new AssertionError("invoice numbers with gaps or duplicates: " + check);
            }
        }
    }

    record Issued(List<Long> nanos, List<String> numbers, long failed) {
    }

    /** Each client issues the invoices of {@code count} of its customer's orders, one after another. */
    static Issued issue(ServiceProcess orders, List<String> customers, List<ConcurrentLinkedQueue<String>> ordersOf, int count)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(customers.size());
        AtomicLong failed = new AtomicLong();
        List<Future<Issued>> running = new ArrayList<>();
        for (int c = 0; c < customers.size(); c++) {
            String token = customers.get(c);
            ConcurrentLinkedQueue<String> queue = ordersOf.get(c);
            running.add(clients.submit(() -> {
                List<Long> nanos = new ArrayList<>();
                List<String> numbers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String orderId = queue.poll();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = OrderBenchmark.HTTP.send(HttpRequest.newBuilder(
                                    URI.create(orders.baseUrl() + "/api/v1/orders/" + orderId + "/invoice"))
                            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        nanos.add(System.nanoTime() - sent);
                        numbers.add(RequestPathBenchmark.JSON.readTree(response.body()).path("number").asText());
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return new Issued(nanos, numbers, 0);
            }));
        }
        List<Long> nanos = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (Future<Issued> client : running) {
            nanos.addAll(client.get().nanos());
            numbers.addAll(client.get().numbers());
        }
        clients.shutdown();
        return new Issued(nanos, numbers, failed.get());
    }
}
