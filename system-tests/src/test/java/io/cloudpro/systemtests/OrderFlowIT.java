package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.infra.LocalSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a customer does with order-service in the packaged suite, across the real identity-service
 * (billing details, tokens), the provider simulator (iDEAL, registrar) and privacy-rights-service
 * (the disclosure register) - and invoice numbering surviving order-service being killed mid-issue.
 */
@ExtendWith(SharedSuite.class)
class OrderFlowIT {

    static LocalSuite suite;
    static SuiteClient client;
    static String orders;
    static String admin;

    @BeforeAll
    static void useSuite() {
        suite = SharedSuite.suite();
        client = new SuiteClient(suite);
        orders = suite.baseUrl("order-service");
        admin = SharedSuite.adminToken();
    }

    static String product(String kind, long cents) {
        HttpResponse<String> created = client.send("POST", orders + "/api/v1/products", admin, """
                {"sku":"%s","name":"%s","kind":"%s","unitPriceCents":%d,"vatRate":"STANDARD"}"""
                .formatted("IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), kind.equals("DOMAIN")
                        ? "Domain .nl (12 months)" : "Webhosting Basic (12 months)", kind, cents));
        assertEquals(201, created.statusCode(), created.body());
        return SuiteClient.json(created).path("id").asText();
    }

    @Test
    void aCustomerOrdersHostingAndADomainPaysWithIdealAndDownloadsTheInvoice() throws Exception {
        String hosting = product("HOSTING", 5988);
        String domainProduct = product("DOMAIN", 999);
        SuiteClient.Customer customer = client.register("Besteller", false);
        String domain = "besteller-" + UUID.randomUUID().toString().substring(0, 8) + ".nl";

        HttpResponse<String> placed = client.send("POST", orders + "/api/v1/orders", customer.token(), """
                {"lines":[{"productId":"%s","quantity":1},{"productId":"%s","quantity":1,"domain":"%s"}]}"""
                .formatted(hosting, domainProduct, domain));
        assertEquals(201, placed.statusCode(), placed.body());
        String orderId = SuiteClient.json(placed).path("id").asText();
        HttpResponse<String> started = client.send("POST", orders + "/api/v1/orders/" + orderId + "/payments", customer.token(),
                "{\"method\":\"IDEAL\"}");
        assertEquals(201, started.statusCode(), started.body());
        JsonNode payment = SuiteClient.json(started);

        // the payer's browser: the checkout page, the "paid" button, back to order-service's return page
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        String checkout = payment.path("checkoutUrl").asText();
        String page = browser.send(HttpRequest.newBuilder(URI.create(checkout)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("iDEAL") && page.contains("84.54"), page);
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(checkout))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("status=paid")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, back.statusCode());
        assertTrue(back.uri().toString().startsWith(orders + "/api/v1/payments/return/"), back.uri().toString());
        assertTrue(back.body().contains("Payment paid"), back.body());

        JsonNode paid = client.getJson(orders + "/api/v1/payments/" + payment.path("id").asText(), customer.token());
        assertEquals("PAID", paid.path("payment").path("status").asText());
        assertEquals("NL** **** **** **67 89", paid.path("payment").path("maskedAccount").asText());
        JsonNode invoices = client.await(orders + "/api/v1/invoices", customer.token(), j -> j.path("total").asInt() == 1,
                Duration.ofSeconds(30), "the paid order's invoice");
        JsonNode invoice = invoices.path("items").path(0);
        assertEquals("Jan Besteller", invoice.path("buyer").path("name").asText(), "copied from identity-service");
        assertEquals("Dorpsstraat 1", invoice.path("buyer").path("street").asText());
        assertEquals(8454, invoice.path("grossCents").asLong());

        HttpResponse<byte[]> pdf = download(orders + invoice.path("pdf").asText(), customer.token());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
        HttpResponse<byte[]> ubl = download(orders + invoice.path("ubl").asText(), customer.token());
        assertEquals(200, ubl.statusCode());
        String xml = new String(ubl.body(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<cbc:ID>" + invoice.path("number").asText() + "</cbc:ID>"), xml);

        JsonNode domains = client.await(orders + "/api/v1/domains", customer.token(),
                j -> "REGISTERED".equals(j.path(0).path("status").asText()), Duration.ofSeconds(30), "the domain registered");
        assertEquals("SIDN", domains.path(0).path("registry").asText());
        assertFalse(domains.path(0).path("whoisPublished").asBoolean(), "a private person's .nl shows no name or address");

        // both disclosures - the payment to Mollie, the registrant to SIDN - are in the officer's register
        String officer = client.staff(admin, "officer-" + System.nanoTime() + "@cloudpro.io", "privacy-officer");
        JsonNode register = client.await(client.privacyRights() + "/api/v1/privacy/disclosures?subjectId=" + customer.accountId(),
                officer, j -> j.path("items").size() >= 2, Duration.ofSeconds(30), "two disclosures in the register");
        Set<String> recipients = new HashSet<>();
        register.path("items").forEach(d -> recipients.add(d.path("recipient").asText()));
        assertTrue(recipients.containsAll(List.of("Mollie B.V.", "SIDN (through the registrar)")), recipients.toString());
    }

    @Test
    void invoiceNumbersStayGaplessWhenOrderServiceIsKilledWhileEightClientsIssue() throws Exception {
        String hosting = product("HOSTING", 5988);
        List<SuiteClient.Customer> customers = new ArrayList<>();
        List<String[]> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            SuiteClient.Customer customer = client.register("Factuur" + c, false);
            customers.add(customer);
            for (int o = 0; o < 15; o++) {
                HttpResponse<String> placed = client.send("POST", orders + "/api/v1/orders", customer.token(),
                        "{\"lines\":[{\"productId\":\"" + hosting + "\",\"quantity\":1}]}");
                assertEquals(201, placed.statusCode(), placed.body());
                work.add(new String[] {customer.token(), SuiteClient.json(placed).path("id").asText()});
            }
        }
        ConcurrentHashMap<String, String> numbers = new ConcurrentHashMap<>();
        AtomicInteger failedWhileDown = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (String[] job : work) {
            running.add(clients.submit(() -> {
                // a client retries until it has the invoice, as an app would while the service is away
                // (for as long as the restart below may take)
                long giveUp = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                while (System.nanoTime() < giveUp) {
                    try {
                        HttpResponse<String> issued = client.send("POST", orders + "/api/v1/orders/" + job[1] + "/invoice", job[0], null);
                        if (issued.statusCode() == 200 || issued.statusCode() == 201) {
                            numbers.put(job[1], SuiteClient.json(issued).path("number").asText());
                            return;
                        }
                    } catch (RuntimeException e) {
                        failedWhileDown.incrementAndGet();
                    }
                    SuiteClient.pause(Duration.ofMillis(100));
                }
            }));
        }
        long firstThird = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (numbers.size() < work.size() / 3) {
            assertTrue(System.nanoTime() < firstThird, "a third of the invoices issued within two minutes: " + numbers.size());
            SuiteClient.pause(Duration.ofMillis(20));
        }
        // kill -9 in the middle of issuing: no graceful shutdown, transactions cut off wherever they are
        long pid = suite.services().get("order-service").pid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        int issuedBeforeKill = numbers.size();
        suite.restartService("order-service");
        for (Future<?> job : running) {
            job.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertEquals(work.size(), numbers.size(), "every order got its invoice");
        assertEquals(work.size(), new HashSet<>(numbers.values()).size(), "no number twice");
        JsonNode check = client.getJson(orders + "/api/v1/invoices/series-check", SharedSuite.adminToken());
        assertEquals(0, check.path("gaps").asLong(), check.toString());
        assertEquals(0, check.path("duplicates").asLong(), check.toString());
        System.out.printf("invoice numbering: %d invoices, order-service killed after %d (%d calls failed while it was down),"
                + " series check: %s%n", numbers.size(), issuedBeforeKill, failedWhileDown.get(), check.path("series"));
    }

    private static HttpResponse<byte[]> download(String url, String token) throws Exception {
        return SuiteClient.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
