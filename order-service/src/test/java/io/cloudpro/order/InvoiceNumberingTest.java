package io.cloudpro.order;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.cloudpro.order.OrderClient.admin;
import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invoice numbers are consecutive without gaps or duplicates, under concurrent issuing and when an issuer dies mid-way. */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class InvoiceNumberingTest {

    static final String SERIES = Integer.toString(LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear());

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void manyConcurrentIssuersGetConsecutiveNumbersAndAnOrderIssuedTwiceAtOnceGetsOneInvoice() throws Exception {
        String hosting = product("HOSTING", 5988, "STANDARD");
        List<OrderClient.Customer> customers = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            OrderClient.Customer customer = customer();
            IdentityStub.get().person(customer.accountId(), "Klant " + c);
            customers.add(customer);
            for (int o = 0; o < 5; o++) {
                orders.add(customer.call().body(lines(hosting, 1)).post("/api/v1/orders").then().statusCode(201).extract().path("id"));
            }
        }
        // 8 clients issue the 40 invoices, each order twice at about the same moment
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Response>> calls = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < orders.size(); i++) {
                OrderClient.Customer customer = customers.get(i / 5);
                String order = orders.get(i);
                calls.add(clients.submit(() -> customer.call().post("/api/v1/orders/" + order + "/invoice")));
            }
        }
        Map<String, String> numberOfOrder = new HashMap<>();
        int created = 0;
        for (Future<Response> call : calls) {
            Response response = call.get(60, TimeUnit.SECONDS);
            assertTrue(response.statusCode() == 201 || response.statusCode() == 200, response.asString());
            created += response.statusCode() == 201 ? 1 : 0;
            String earlier = numberOfOrder.putIfAbsent(response.path("orderId"), response.path("number"));
            assertTrue(earlier == null || earlier.equals(response.path("number")), "one invoice per order");
        }
        clients.shutdown();
        assertEquals(40, created, "each order's invoice issued once");
        TreeSet<Long> sequences = new TreeSet<>();
        for (String number : numberOfOrder.values()) {
            assertTrue(number.startsWith(SERIES + "-"), number);
            sequences.add(Long.parseLong(number.substring(SERIES.length() + 1)));
        }
        assertEquals(40, sequences.size(), "no duplicate numbers");
        assertEquals(39, sequences.last() - sequences.first(), "consecutive numbers: " + sequences);

        JsonPath check = admin().get("/api/v1/invoices/series-check").then().statusCode(200).extract().jsonPath();
        assertEquals(0, check.getLong("gaps"), check.prettify());
        assertEquals(0, check.getLong("duplicates"));
        long lastNumber = check.getLong("series.find { it.series == '" + SERIES + "' }.lastNumber");
        assertEquals(lastNumber, check.getLong("series.find { it.series == '" + SERIES + "' }.issued"));
    }

    @Test
    void anIssuerThatDiesHoldingTheNextNumberGivesItBackToTheNextIssuer() throws Exception {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Karel Crash");
        String order = customer.call().body(lines(hosting, 1)).post("/api/v1/orders").then().statusCode(201).extract().path("id");

        ExecutorService issuer = Executors.newSingleThreadExecutor();
        long taken;
        Future<Response> waiting;
        // an issuing transaction that has taken the next number when its process dies - on connections of
        // the test's own, so that the killed one never goes back to the service's pool
        try (Connection dying = DriverManager.getConnection(jdbcUrl, user, password);
             Connection killer = DriverManager.getConnection(jdbcUrl, user, password)) {
            dying.setAutoCommit(false);
            taken = single(dying, "INSERT INTO number_series (series, last_number) VALUES ('" + SERIES + "', 1)"
                    + " ON CONFLICT (series) DO UPDATE SET last_number = number_series.last_number + 1 RETURNING last_number");
            long pid = single(dying, "SELECT pg_backend_pid()");

            waiting = issuer.submit(() -> customer.call().post("/api/v1/orders/" + order + "/invoice"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (single(killer, "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'") == 0) {
                assertTrue(System.nanoTime() < deadline, "the service's issuer never queued behind the dying one");
                Thread.sleep(20); // polling until the service's transaction waits for the lock
            }
            // the process dies: PostgreSQL ends its session and rolls its transaction back
            single(killer, "SELECT count(pg_terminate_backend(" + pid + "))");
        }
        Response response = waiting.get(30, TimeUnit.SECONDS);
        issuer.shutdown();
        assertEquals(201, response.statusCode(), response.asString());
        assertEquals(String.format("%s-%06d", SERIES, taken), response.path("number"), "the dead issuer's number, not the next");
        assertEquals(0, admin().get("/api/v1/invoices/series-check").then().statusCode(200).extract().jsonPath().getLong("gaps"));
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
