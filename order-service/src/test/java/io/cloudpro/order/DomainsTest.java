package io.cloudpro.order;

import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Domains registered with paid orders through the registrar simulator: what the registry and its
 * public Whois receive, and corrections, erasure and restriction passed on to the registrar.
 */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class DomainsTest {

    @Inject
    DataSource database;

    @AfterEach
    void registrarBack() {
        TestInfrastructure.get().providers().fault("registrar", Duration.ZERO, false);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".nl";
    }

    /** Orders the domain (with hosting) and pays with iDEAL; the order's id. */
    static String orderAndPay(OrderClient.Customer customer, String domain) {
        String hosting = product("HOSTING", 5988, "STANDARD");
        String registration = product("DOMAIN", 999, "STANDARD");
        String orderId = customer.call().body(Map.of("lines", List.of(Map.of("productId", hosting, "quantity", 1),
                        Map.of("productId", registration, "quantity", 1, "domain", domain))))
                .post("/api/v1/orders").then().statusCode(201)
                .body("lines[1].description", equalTo("Test domain - " + domain))
                .extract().path("id");
        String reference = customer.call().body(Map.of("method", "IDEAL")).post("/api/v1/orders/" + orderId + "/payments")
                .then().statusCode(201).extract().path("providerReference");
        given().baseUri(TestInfrastructure.get().providers().url()).post("/simulator/mollie/" + reference + "?status=paid")
                .then().statusCode(200);
        return orderId;
    }

    static JsonPath awaitRegistration(OrderClient.Customer customer, String domain, Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonPath list = customer.call().get("/api/v1/domains").then().statusCode(200).extract().jsonPath();
            Map<String, Object> found = list.getMap("find { it.domain == '" + domain + "' }");
            if (found != null && done.test(JsonPath.from(toJson(found)))) {
                return JsonPath.from(toJson(found));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("registration of " + domain + " never got there: " + list.prettify());
            }
            Thread.sleep(100); // polling until the registrar has been called
        }
    }

    static JsonPath registrar(String path) {
        return given().baseUri(TestInfrastructure.get().providers().url()).auth().oauth2("simulator-registrar-key")
                .get(path).then().extract().jsonPath();
    }

    @Test
    void aPrivatePersonsNlDomainIsRegisteredDisclosedToTheRegistryAndShowsNoNameOrAddressInWhois() throws Exception {
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Pieter Privé");
        String domain = unique("pieter");
        orderAndPay(customer, domain);
        JsonPath registration = awaitRegistration(customer, domain, r -> "REGISTERED".equals(r.getString("status")));
        assertEquals("SIDN", registration.getString("registry"));
        assertEquals("PERSON", registration.getString("registrantType"));
        assertFalse(registration.getBoolean("whoisPublished"));
        assertEquals(List.of(), registration.getList("whoisFields"));

        JsonPath whois = registrar("/registrar/v1/whois/" + domain);
        assertEquals(Map.of(), whois.getMap("registrant"), "the public sees no name or address");
        List<ConsumerRecord<String, String>> disclosed = KafkaTopics.readAll("privacy.disclosures",
                r -> r.value().contains("\"reference\":\"" + domain + "\""), Duration.ofSeconds(30));
        assertEquals(1, disclosed.size(), "only to the registry, nothing public: " + disclosed);
        JsonPath disclosure = new JsonPath(disclosed.get(0).value());
        assertEquals("SIDN (through the registrar)", disclosure.getString("recipient"));
        assertEquals(List.of("name", "street", "postalCode", "city", "country"), disclosure.getList("fields"));
        assertFalse(disclosed.get(0).value().contains("Pieter"), "field names, never values");
    }

    @Test
    void aBusinessesDomainShowsItsNameAndAddressInWhoisAndThatIsDisclosedToo() throws Exception {
        OrderClient.Customer customer = customer();
        IdentityStub.get().business(customer.accountId(), "Bea Bedrijf", "Bedrijf B.V.", "NL", "NL123456789B01", "12345678");
        String domain = unique("bedrijf");
        orderAndPay(customer, domain);
        JsonPath registration = awaitRegistration(customer, domain, r -> "REGISTERED".equals(r.getString("status")));
        assertEquals("BUSINESS", registration.getString("registrantType"));
        assertTrue(registration.getBoolean("whoisPublished"));
        assertTrue(registration.getList("whoisFields").contains("company"));
        assertEquals("Bedrijf B.V.", registrar("/registrar/v1/whois/" + domain).getString("registrant.company"));
        List<ConsumerRecord<String, String>> disclosed = KafkaTopics.read("privacy.disclosures",
                r -> r.value().contains("\"reference\":\"" + domain + "\""), 2, Duration.ofSeconds(30));
        assertTrue(disclosed.stream().anyMatch(r -> r.value().contains("the public, through the Whois of SIDN")), disclosed.toString());
    }

    @Test
    void aDomainLineNamesItsDomainATakenDomainIsRefusedAndAnAbsentRegistrarIsRetried() throws Exception {
        String registration = product("DOMAIN", 999, "STANDARD");
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Tom Test");
        customer.call().body(Map.of("lines", List.of(Map.of("productId", registration, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(400).contentType("application/problem+json");
        customer.call().body(Map.of("lines", List.of(Map.of("productId", hosting, "quantity", 1, "domain", "x.nl"))))
                .post("/api/v1/orders").then().statusCode(400);
        customer.call().body(Map.of("lines", List.of(Map.of("productId", registration, "quantity", 1, "domain", "not a domain"))))
                .post("/api/v1/orders").then().statusCode(400);

        String taken = unique("taken");
        orderAndPay(customer, taken);
        JsonPath refused = awaitRegistration(customer, taken, r -> "REFUSED".equals(r.getString("status")));
        assertTrue(refused.getString("detail").contains("already registered"), refused.getString("detail"));

        TestInfrastructure.get().providers().fault("registrar", Duration.ZERO, true);
        String later = unique("later");
        orderAndPay(customer, later);
        JsonPath waiting = awaitRegistration(customer, later, r -> r.getString("detail") != null);
        assertEquals("REQUESTED", waiting.getString("status"));
        TestInfrastructure.get().providers().fault("registrar", Duration.ZERO, false);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE domain_registration SET next_attempt_at = now() WHERE domain = '" + later + "'");
        }
        awaitRegistration(customer, later, r -> "REGISTERED".equals(r.getString("status")));
    }

    @Test
    void aCorrectionIsPassedOnToTheRegistrarAndAnErasureRedactsTheRegistrant() throws Exception {
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Rik Rectify");
        String domain = unique("rik");
        orderAndPay(customer, domain);
        awaitRegistration(customer, domain, r -> "REGISTERED".equals(r.getString("status")));
        String reference = registrarReference(domain);
        assertEquals("Dorpsstraat 1", registrar("/registrar/v1/domains/" + reference).getString("registrant.street"));

        // the officer decided a correction; identity-service holds the new street; order-service passes it on
        IdentityStub.get().moved(customer.accountId(), "Kerkplein 9");
        String commandId = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.staff("service").subject("privacy-rights-service").build()).contentType("application/json")
                .body(Map.of("corrections", Map.of("address.street", "Kerkplein 9")))
                .put("/api/v1/privacy/corrections/" + commandId).then().statusCode(204);
        JsonPath rectified = command("RECTIFY", customer, commandId);
        assertEquals(List.of("address.street"), rectified.getList("changedFields"));
        assertEquals("SIDN", rectified.getString("recipientsToInform[0].name"), rectified.prettify());
        assertEquals(1, rectified.getInt("categories.find { it.category == 'order.domain-registrations' }.count"));
        awaitRegistrar(reference, r -> "Kerkplein 9".equals(r.getString("registrant.street")));

        JsonPath erased = command("ERASE", customer, UUID.randomUUID().toString());
        assertEquals("SIDN", erased.getString("recipientsToInform[0].name"), erased.prettify());
        assertEquals(1, erased.getInt("categories.find { it.category == 'order.domain-registrations' }.count"));
        awaitRegistrar(reference, r -> "REDACTED".equals(r.getString("registrant.type")));
    }

    @Test
    void whileProcessingIsRestrictedNothingGoesToTheRegistrarAndAfterwardsItDoes() throws Exception {
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Rosa Restrict");
        customer.call().body(OrderClient.lines(product("HOSTING", 5988, "STANDARD"), 1)).post("/api/v1/quotations")
                .then().statusCode(201);
        JsonPath restricted = command("RESTRICT", customer, UUID.randomUUID().toString());
        assertEquals("RESTRICTED", restricted.getString("categories[0].outcome"));
        String domain = unique("rosa");
        orderAndPay(customer, domain);
        JsonPath held = awaitRegistration(customer, domain, r -> "ON_HOLD".equals(r.getString("status")));
        assertTrue(held.getString("detail").contains("art. 18"));
        assertEquals("free", registrar("/registrar/v1/whois/" + domain).getString("status"), "the registry got nothing");

        command("LIFT_RESTRICTION", customer, UUID.randomUUID().toString());
        awaitRegistration(customer, domain, r -> "REGISTERED".equals(r.getString("status")));
    }

    private String registrarReference(String domain) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT registrar_reference FROM domain_registration WHERE domain = '" + domain + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitRegistrar(String reference, Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath domain = registrar("/registrar/v1/domains/" + reference);
        while (!done.test(domain)) {
            assertTrue(System.nanoTime() < deadline, "the registrar never got it: " + domain.prettify());
            Thread.sleep(100); // polling until the scheduled registrar work has run
            domain = registrar("/registrar/v1/domains/" + reference);
        }
    }

    private static JsonPath command(String kind, OrderClient.Customer customer, String commandId) {
        KafkaTopics.sendEvent("privacy.commands", customer.accountId(),
                "io.cloudpro.privacy.command." + kind.toLowerCase().replace('_', '-') + ".v1",
                "{\"commandId\":\"" + commandId + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"kind\":\"" + kind
                        + "\",\"subject\":{\"subjectId\":\"" + customer.accountId() + "\",\"accountIds\":[\"" + customer.accountId()
                        + "\"],\"loginIds\":[\"" + customer.loginId() + "\"],\"applicationIds\":[]},\"issuedAt\":\""
                        + Instant.now() + "\"}");
        List<ConsumerRecord<String, String>> results = KafkaTopics.read("privacy.results",
                r -> r.value().contains(commandId), 1, Duration.ofSeconds(60));
        assertEquals(1, results.size(), "one result of " + kind);
        return new JsonPath(results.get(0).value());
    }

    private static String toJson(Map<String, Object> map) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
