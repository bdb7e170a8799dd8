package io.cloudpro.order;

import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.cloudpro.order.OrderClient.admin;
import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invoices and credit notes over HTTP: the legal fields, VAT, documents, immutability, corrections. */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class InvoicesTest {

    static final String PROBLEM = "application/problem+json";
    static final String YEAR = Integer.toString(LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear());

    @Inject
    DataSource database;

    @AfterEach
    void providersBack() {
        IdentityStub.get().down(false);
    }

    /** A customer known to the identity stub as a private person, with an order of the given lines. */
    static String order(OrderClient.Customer customer, Object... productAndQuantity) {
        return customer.call().body(lines(productAndQuantity)).post("/api/v1/orders").then().statusCode(201).extract().path("id");
    }

    static JsonPath issue(OrderClient.Customer customer, String orderId, int status) {
        return customer.call().post("/api/v1/orders/" + orderId + "/invoice").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void anInvoiceCarriesEveryLegalFieldWithVatPerRateRoundedHalfUpAndIsIssuedOncePerOrder() throws Exception {
        // two lines of 2 cents at 21 %: per line 0.42 -> 0 cents, per rate total 0.84 -> 1 cent (the law's way)
        String small = product("SSL_CERTIFICATE", 2, "STANDARD");
        String other = product("SSL_CERTIFICATE", 2, "STANDARD");
        String ssl = product("SSL_CERTIFICATE", 1250, "REDUCED");
        String exempt = product("HOSTING", 1000, "EXEMPT");
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Jan Jansen");
        String orderId = order(customer, small, 1, other, 1, ssl, 1, exempt, 1);

        JsonPath invoice = issue(customer, orderId, 201);
        assertTrue(invoice.getString("number").matches(YEAR + "-\\d{6}"), invoice.getString("number"));
        assertEquals("INVOICE", invoice.getString("kind"));
        assertEquals("cloudpro.io", invoice.getString("seller.name"));
        assertEquals("27347391", invoice.getString("seller.kvkNumber"));
        assertEquals("NL181702587B02", invoice.getString("seller.vatId"));
        assertEquals("Minister van Sonstraat 20", invoice.getString("seller.street"));
        assertEquals("Jan Jansen", invoice.getString("buyer.name"));
        assertEquals("Dorpsstraat 1", invoice.getString("buyer.street"));
        assertEquals("5042 AB", invoice.getString("buyer.postalCode"));
        assertEquals(LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString(), invoice.getString("issueDate"));
        assertEquals(invoice.getString("issueDate"), invoice.getString("supplyDate"));
        assertEquals(YEAR + "-12-31", invoice.getString("fiscalYearEnd"));
        assertEquals(4, invoice.getList("lines").size());
        assertEquals(4, invoice.getLong("vat.find { it.tax == 'STANDARD' }.netCents"));
        assertEquals(1, invoice.getLong("vat.find { it.tax == 'STANDARD' }.vatCents"));
        assertEquals(113, invoice.getLong("vat.find { it.tax == 'REDUCED' }.vatCents"));
        assertEquals(0, invoice.getLong("vat.find { it.tax == 'EXEMPT' }.vatCents"));
        assertEquals(2254, invoice.getLong("netCents"));
        assertEquals(114, invoice.getLong("vatCents"));
        assertEquals(2368, invoice.getLong("grossCents"));
        assertFalse(invoice.getBoolean("reverseCharge"));

        // asked again (a retried click): the same invoice, not a second one
        JsonPath again = issue(customer, orderId, 200);
        assertEquals(invoice.getString("id"), again.getString("id"));
        assertEquals(invoice.getString("number"), again.getString("number"));

        String id = invoice.getString("id");
        customer.call().get("/api/v1/invoices").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].number", equalTo(invoice.getString("number")));
        List<ConsumerRecord<String, String>> issued = KafkaTopics.read("orders.events",
                r -> r.value().contains(id) && "io.cloudpro.order.invoice.issued.v1".equals(KafkaTopics.header(r, "ce_type")),
                1, Duration.ofSeconds(30));
        assertTrue(issued.get(0).value().contains("\"fiscalYearEnd\":\"" + YEAR + "-12-31\""), issued.get(0).value());
        assertFalse(issued.get(0).value().contains("Jansen"), "no personal data in the event");

        Response pdf = customer.call().get("/api/v1/invoices/" + id + "/pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.contentType());
        byte[] pdfBytes = pdf.asByteArray();
        assertEquals("sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(pdfBytes)) + ":",
                pdf.header("Repr-Digest"));
        try (PDDocument document = Loader.loadPDF(pdfBytes)) {
            String text = new PDFTextStripper().getText(document);
            for (String expected : List.of("Factuur " + invoice.getString("number"), "KvK 27347391", "BTW NL181702587B02",
                    "Jan Jansen", "Dorpsstraat 1", "5042 AB Tilburg", "€ 23,68", "Btw 21%", "€ 0,01", "vrijgesteld",
                    "Vrijgesteld van btw")) {
                assertTrue(text.contains(expected), "PDF shows " + expected + ":\n" + text);
            }
        }
        // the same bytes every time: kept as issued, not rendered anew
        assertEquals(pdf.header("Repr-Digest"), customer.call().get("/api/v1/invoices/" + id + "/pdf").header("Repr-Digest"));

        byte[] ubl = customer.call().get("/api/v1/invoices/" + id + "/ubl").then().statusCode(200)
                .contentType("application/xml").extract().asByteArray();
        EInvoiceValidator.Result result = EInvoiceValidator.get().validate(ubl);
        assertTrue(result.validEn16931(), "UBL schema and EN 16931: " + result);
    }

    @Test
    void aDutchBusinessGetsAPeppolInvoiceAndAnEuBusinessWithACheckedVatIdGetsReverseCharge() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer dutch = customer();
        IdentityStub.get().business(dutch.accountId(), "Els de Vries", "De Vries Webdesign B.V.", "NL", "NL123456789B01", "12345678");
        JsonPath dutchInvoice = issue(dutch, order(dutch, hosting, 1), 201);
        assertEquals("De Vries Webdesign B.V.", dutchInvoice.getString("buyer.company"));
        assertEquals("Handelsweg 7", dutchInvoice.getString("buyer.street"));
        assertFalse(dutchInvoice.getBoolean("reverseCharge"), "a Dutch business pays Dutch VAT");
        assertEquals(1257, dutchInvoice.getLong("vatCents"));
        EInvoiceValidator.Result dutchUbl = EInvoiceValidator.get().validate(ubl(dutch, dutchInvoice.getString("id")));
        assertTrue(dutchUbl.validPeppol(), "Peppol BIS 3.0 with the Dutch rules: " + dutchUbl);

        OrderClient.Customer german = customer();
        IdentityStub.get().business(german.accountId(), "Jonas Weber", "Weber Hosting GmbH", "DE", "DE123456789", null);
        JsonPath reverse = issue(german, order(german, hosting, 1), 201);
        assertTrue(reverse.getBoolean("reverseCharge"));
        assertEquals("DE123456789", reverse.getString("buyer.vatId"));
        assertTrue(reverse.getString("vatCheckReference").startsWith("WAPI"), reverse.getString("vatCheckReference"));
        assertEquals("REVERSE_CHARGE", reverse.getString("lines[0].tax"));
        assertEquals(0, reverse.getLong("vatCents"));
        assertEquals(5988, reverse.getLong("grossCents"));
        EInvoiceValidator.Result reverseUbl = EInvoiceValidator.get().validate(ubl(german, reverse.getString("id")));
        assertTrue(reverseUbl.validPeppol(), "reverse charge (AE) e-invoice: " + reverseUbl);

        // a number VIES does not confirm: no reverse charge, Dutch VAT
        OrderClient.Customer unconfirmed = customer();
        IdentityStub.get().business(unconfirmed.accountId(), "Max Muster", "Muster AG", "DE", "DE120000000", null);
        JsonPath dutchVat = issue(unconfirmed, order(unconfirmed, hosting, 1), 201);
        assertFalse(dutchVat.getBoolean("reverseCharge"));
        assertNull(dutchVat.get("vatCheckReference"));
        assertEquals(1257, dutchVat.getLong("vatCents"));
    }

    @Test
    void whenTheVatCheckOrIdentityCannotAnswerNothingIsIssuedAndNoNumberIsUsed() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        long gapsBefore = admin().get("/api/v1/invoices/series-check").then().statusCode(200).extract().jsonPath().getLong("gaps");

        // VIES: the member state's database is down (the simulator's numbers ending in 9999)
        OrderClient.Customer german = customer();
        IdentityStub.get().business(german.accountId(), "Jonas Weber", "Weber GmbH", "DE", "DE129999999", null);
        String orderId = order(german, hosting, 1);
        german.call().post("/api/v1/orders/" + orderId + "/invoice").then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "30")
                .body("type", equalTo("https://cloudpro.io/problems/vat-check-unavailable"));
        // VIES itself away
        OrderClient.Customer other = customer();
        IdentityStub.get().business(other.accountId(), "Jonas Weber", "Weber GmbH", "DE", "DE123456789", null);
        String otherOrder = order(other, hosting, 1);
        TestInfrastructure.get().providers().fault("vies", Duration.ZERO, true);
        try {
            other.call().post("/api/v1/orders/" + otherOrder + "/invoice").then().statusCode(503)
                    .body("type", equalTo("https://cloudpro.io/problems/vat-check-unavailable"));
        } finally {
            TestInfrastructure.get().providers().fault("vies", Duration.ZERO, false);
        }
        issue(other, otherOrder, 201);

        // identity-service away
        OrderClient.Customer person = customer();
        IdentityStub.get().person(person.accountId(), "Piet Pietersen");
        String personOrder = order(person, hosting, 1);
        IdentityStub.get().down(true);
        person.call().post("/api/v1/orders/" + personOrder + "/invoice").then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo("https://cloudpro.io/problems/billing-details-unavailable"));
        IdentityStub.get().down(false);
        person.call().get("/api/v1/invoices").then().statusCode(200).body("total", equalTo(0));

        // an account identity-service does not know (or erased): no name, no invoice
        OrderClient.Customer unknown = customer();
        unknown.call().post("/api/v1/orders/" + order(unknown, hosting, 1) + "/invoice").then().statusCode(422)
                .body("type", equalTo("https://cloudpro.io/problems/billing-details-incomplete"));

        assertEquals(gapsBefore, admin().get("/api/v1/invoices/series-check").then().statusCode(200)
                .extract().jsonPath().getLong("gaps"), "no refused invoice left a gap");
    }

    @Test
    void noOneReachesAnotherAccountsOrderOrInvoice() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer owner = customer();
        IdentityStub.get().person(owner.accountId(), "Anna de Boer");
        String orderId = order(owner, hosting, 1);
        String invoiceId = issue(owner, orderId, 201).getString("id");
        OrderClient.Customer stranger = customer();
        IdentityStub.get().person(stranger.accountId(), "Kees Kaas");
        stranger.call().post("/api/v1/orders/" + orderId + "/invoice").then().statusCode(404).contentType(PROBLEM);
        stranger.call().get("/api/v1/invoices/" + invoiceId).then().statusCode(404).contentType(PROBLEM);
        stranger.call().get("/api/v1/invoices/" + invoiceId + "/pdf").then().statusCode(404);
        stranger.call().get("/api/v1/invoices/" + invoiceId + "/ubl").then().statusCode(404);
        stranger.call().body("{\"reason\":\"mine now\"}").post("/api/v1/invoices/" + invoiceId + "/credit-notes")
                .then().statusCode(403);
        stranger.call().get("/api/v1/invoices/series-check").then().statusCode(403);
    }

    @Test
    void theDatabaseRefusesToChangeAnIssuedInvoiceEvenForTheServicesOwnLogin() throws Exception {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Joost Klein");
        String id = issue(customer, order(customer, hosting, 1), 201).getString("id");
        customer.call().get("/api/v1/invoices/" + id + "/pdf").then().statusCode(200);

        for (String change : List.of(
                "UPDATE invoice SET buyer_name = 'Someone Else' WHERE id = '" + id + "'",
                "UPDATE invoice SET gross_cents = 1 WHERE id = '" + id + "'",
                "DELETE FROM invoice WHERE id = '" + id + "'",
                "UPDATE invoice_line SET unit_price_cents = 1 WHERE invoice_id = '" + id + "'",
                "DELETE FROM invoice_line WHERE invoice_id = '" + id + "'",
                "UPDATE invoice_vat SET vat_cents = 0 WHERE invoice_id = '" + id + "'",
                "UPDATE invoice_document SET content = 'x'::bytea WHERE invoice_id = '" + id + "'",
                "DELETE FROM invoice_document WHERE invoice_id = '" + id + "'",
                "TRUNCATE invoice CASCADE")) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(change), change);
                assertTrue(refused.getMessage().contains("issued invoices"), change + ": " + refused.getMessage());
            }
        }
        JsonPath after = customer.call().get("/api/v1/invoices/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("Joost Klein", after.getString("buyer.name"));
        assertEquals(7245, after.getLong("grossCents"));
    }

    @Test
    void aCorrectionIsACreditNoteInItsOwnSeriesThatNeverCreditsMoreThanWasInvoiced() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        String domain = product("SSL_CERTIFICATE", 999, "STANDARD");
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Sanne Smit");
        JsonPath invoice = issue(customer, order(customer, hosting, 1, domain, 2), 201);
        String invoiceId = invoice.getString("id");

        JsonPath note = admin().body("{\"reason\":\"One of the two certificates was never delivered\",\"lines\":[{\"line\":2,\"quantity\":1}]}")
                .post("/api/v1/invoices/" + invoiceId + "/credit-notes").then().statusCode(201).extract().jsonPath();
        assertTrue(note.getString("number").matches("C" + YEAR + "-\\d{6}"), note.getString("number"));
        assertEquals("CREDIT_NOTE", note.getString("kind"));
        assertEquals(invoice.getString("number"), note.getString("correctsNumber"));
        assertEquals("One of the two certificates was never delivered", note.getString("reason"));
        assertEquals(999, note.getLong("netCents"));
        assertEquals(210, note.getLong("vatCents"));
        assertEquals(2, note.getInt("lines[0].correctsLine"));
        assertEquals("Sanne Smit", note.getString("buyer.name"));

        // sent again with its key (a retried click): the same credit note, not a second one; the key with another body: 422
        String key = UUID.randomUUID().toString();
        String staff = io.cloudpro.testsupport.TestTokens.staff("admin").sessionId(UUID.randomUUID().toString()).build();
        String body = "{\"reason\":\"Goodwill\",\"lines\":[{\"line\":1,\"quantity\":1}]}";
        String first = OrderClient.as(staff).header("Idempotency-Key", key).body(body).post("/api/v1/invoices/" + invoiceId + "/credit-notes")
                .then().statusCode(201).extract().path("id");
        String again = OrderClient.as(staff).header("Idempotency-Key", key).body(body).post("/api/v1/invoices/" + invoiceId + "/credit-notes")
                .then().statusCode(201).extract().path("id");
        assertEquals(first, again);
        OrderClient.as(staff).header("Idempotency-Key", key).body(body.replace("Goodwill", "Other")).post("/api/v1/invoices/" + invoiceId
                + "/credit-notes").then().statusCode(422).body("type", equalTo("https://cloudpro.io/problems/idempotency-key-reused"));

        // one more certificate would credit three of two
        admin().body("{\"reason\":\"again\",\"lines\":[{\"line\":2,\"quantity\":2}]}")
                .post("/api/v1/invoices/" + invoiceId + "/credit-notes").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://cloudpro.io/problems/not-creditable"));
        admin().body("{\"reason\":\"no such line\",\"lines\":[{\"line\":9,\"quantity\":1}]}")
                .post("/api/v1/invoices/" + invoiceId + "/credit-notes").then().statusCode(400).contentType(PROBLEM);
        admin().body("{\"lines\":[]}").post("/api/v1/invoices/" + invoiceId + "/credit-notes").then().statusCode(400);
        admin().body("{\"reason\":\"x\"}").post("/api/v1/invoices/" + UUID.randomUUID() + "/credit-notes").then().statusCode(404);
        // a credit note is not itself credited
        admin().body("{\"reason\":\"x\"}").post("/api/v1/invoices/" + note.getString("id") + "/credit-notes").then().statusCode(404);

        String noteId = note.getString("id");
        customer.call().get("/api/v1/invoices").then().statusCode(200).body("total", equalTo(3));
        customer.call().get("/api/v1/invoices/" + noteId + "/pdf").then().statusCode(200);
        EInvoiceValidator.Result ubl = EInvoiceValidator.get().validate(ubl(customer, noteId));
        assertTrue(ubl.validEn16931(), "credit note UBL: " + ubl);
        assertTrue(new String(ubl(customer, noteId)).contains("<cbc:ID>" + invoice.getString("number") + "</cbc:ID>"));
        List<ConsumerRecord<String, String>> issued = KafkaTopics.read("orders.events",
                r -> r.value().contains(noteId), 1, Duration.ofSeconds(30));
        assertEquals("io.cloudpro.order.credit-note.issued.v1", KafkaTopics.header(issued.get(0), "ce_type"));
    }

    private static byte[] ubl(OrderClient.Customer customer, String invoiceId) {
        return customer.call().get("/api/v1/invoices/" + invoiceId + "/ubl").then().statusCode(200).extract().asByteArray();
    }
}
