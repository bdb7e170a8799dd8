package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.MailCatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-subject requests on the packaged suite: privacy-rights-service, the real identity-service
 * and the other services as participants, over Kafka and REST with service tokens, the way a
 * customer and the privacy officer use them.
 */
@ExtendWith(SharedSuite.class)
class PrivacyRightsIT {

    static final Duration ANSWERED = Duration.ofSeconds(60);

    static LocalSuite suite;
    static SuiteClient client;
    static String admin;
    static String officer;

    @BeforeAll
    static void startSuite() {
        suite = SharedSuite.suite();
        client = new SuiteClient(suite);
        admin = SharedSuite.adminToken();
        officer = client.staff(admin, "officer-" + System.nanoTime() + "@cloudpro.local", "privacy-officer", "support");
    }

    @Test
    void anAccessRequestGathersWhatIdentityServiceHoldsWithTheInformationSheet() {
        SuiteClient.Customer customer = client.register("Visser", true);
        client.login(customer.email());
        String id = file(customer, "{\"type\":\"ACCESS\"}");
        JsonNode done = awaitCompleted(customer, id);
        assertTrue(services(done).contains("identity-service"), done.toString());

        // the link in the mail works without a login, once
        MailCatcher.Mail ready = client.awaitMail(customer.email(), "Your data is ready to download");
        Matcher link = Pattern.compile("(http://\\S+/api/v1/privacy/packages/\\S+\\?token=[A-Za-z0-9_-]+)").matcher(ready.body());
        assertTrue(link.find(), ready.body());
        HttpResponse<String> download = client.get(link.group(1), null);
        assertEquals(200, download.statusCode(), download.body());
        JsonNode pack = SuiteClient.json(download);
        JsonNode identity = service(pack, "identity-service").path("data");
        assertEquals("Visser", identity.path("identity.name-address").path(0).path("lastName").asText(), identity.toString());
        assertTrue(identity.path("identity.login-history").size() >= 2, "both logins: " + identity.path("identity.login-history"));
        assertTrue(identity.path("identity.newsletter-consent").size() >= 1, identity.toString());
        assertTrue(pack.path("informationSheet").path("complaints").asText().contains("Autoriteit Persoonsgegevens"));
        assertEquals(410, client.get(link.group(1), null).statusCode(), "the package is gone after its download");
    }

    @Test
    void restrictionAndObjectionStopTheNewsletterAndSupportSeesTheRestriction() {
        SuiteClient.Customer restricted = client.register("Bos", true);
        SuiteClient.Customer objecting = client.register("Mulder", true);
        SuiteClient.Customer reader = client.register("Smit", true);
        awaitCompleted(restricted, file(restricted, "{\"type\":\"RESTRICTION\"}"));
        awaitCompleted(objecting, file(objecting, "{\"type\":\"OBJECTION\",\"processing\":\"direct-marketing\"}"));

        String subject = "November news " + System.nanoTime();
        HttpResponse<String> sent = client.send("POST", client.identity() + "/api/v1/newsletter/issues", admin,
                "{\"subject\":\"" + subject + "\",\"text\":\"New data centre in Tilburg.\"}");
        assertEquals(200, sent.statusCode(), sent.body());
        client.awaitMail(reader.email(), subject);
        SuiteClient.pause(Duration.ofSeconds(2));
        assertEquals(0, client.mailCount(restricted.email(), subject), "no newsletter while processing is restricted");
        assertEquals(0, client.mailCount(objecting.email(), subject), "no newsletter after an objection to direct marketing");
        assertFalse(client.getJson(client.identity() + "/api/v1/me/newsletter", objecting.token()).path("subscribed").asBoolean());

        JsonNode view = client.getJson(client.identity() + "/api/v1/support/accounts/" + restricted.accountId()
                + "?reason=ticket%201234", officer);
        assertTrue(view.path("restricted").asBoolean(), "support sees the restriction: " + view);
    }

    @Test
    void anErasureWaitsForSilentServicesAndLeavesNothingButWhatTheLawKeeps() throws SQLException {
        SuiteClient.Customer customer = client.register("Erasmus", true);
        // a withdrawn consent: its proof is what the law lets us keep
        assertEquals(200, client.send("PUT", client.identity() + "/api/v1/me/newsletter", customer.token(),
                "{\"subscribed\":false}").statusCode());
        client.getJson(client.privacyRights() + "/api/v1/privacy/requests", customer.token());
        String requestUrl;

        // identity-service is down: nobody can be asked yet, and the officer sees why
        suite.stopService("identity-service");
        suite.stopService("order-service");
        try {
            String id = file(customer, "{\"type\":\"ERASURE\"}");
            requestUrl = client.privacyRights() + "/api/v1/privacy/officer/requests/" + id;
            client.await(requestUrl, officer, r -> r.path("silent").toString().equals("[\"identity-service\"]"),
                    ANSWERED, "identity-service shown as silent");
            SuiteClient.pause(Duration.ofSeconds(3));
            assertEquals("RECEIVED", client.getJson(requestUrl, officer).path("status").asText(), "it waits");

            // identity-service is back and answers; order-service is still down: the request cannot complete
            suite.restartService("identity-service");
            JsonNode waiting = client.await(requestUrl, officer, r -> r.path("silent").toString().equals("[\"order-service\"]")
                            && participant(r, "identity-service").path("state").asText().equals("ANSWERED"),
                    ANSWERED, "identity-service answered while order-service is silent");
            assertFalse(waiting.path("status").asText().equals("COMPLETED"), "cannot complete while a participant is silent");
        } finally {
            if (!suite.services().get("identity-service").isAlive()) {
                suite.restartService("identity-service");
            }
            suite.restartService("order-service");
        }
        JsonNode done = client.await(requestUrl, officer, r -> r.path("status").asText().equals("COMPLETED"),
                Duration.ofSeconds(120), "the erasure completed once order-service was back");
        assertTrue(done.path("silent").isEmpty(), done.toString());

        // one effect: identity-service answered once and erased the account once
        assertEquals(1, participant(done, "identity-service").path("attempts").asInt(), done.toString());
        JsonNode identity = service(done.path("outcome"), "identity-service");
        boolean accountErasedOnce = false;
        for (JsonNode category : identity.path("categories")) {
            accountErasedOnce |= category.path("category").asText().equals("identity.name-address")
                    && category.path("outcome").asText().matches("ERASED|ANONYMISED") && category.path("count").asInt() == 1;
        }
        assertTrue(accountErasedOnce, identity.toString());
        JsonNode withheld = identity.path("withheld");
        assertTrue(withheld.size() >= 2, "the opt-in and the opt-out are kept as proof: " + identity);
        withheld.forEach(record -> {
            assertEquals("identity.newsletter-consent", record.path("category").asText());
            assertFalse(record.path("law").asText().isBlank(), "with its law: " + record);
            assertTrue(record.path("until").asText().matches("\\d{4}-.*"), "with the date it goes: " + record);
        });
        List<String> leftovers = rowsMentioning("identity", customer.email(), "Erasmus");
        assertTrue(leftovers.isEmpty(), "identity-service still holds the person in " + leftovers);
        assertEquals(401, client.get(client.identity() + "/api/v1/me", customer.token()).statusCode(),
                "the erased person's session ended");
    }

    private String file(SuiteClient.Customer customer, String body) {
        HttpResponse<String> filed = client.send("POST", client.privacyRights() + "/api/v1/privacy/requests", customer.token(), body);
        assertEquals(201, filed.statusCode(), filed.body());
        return SuiteClient.json(filed).path("id").asText();
    }

    private JsonNode awaitCompleted(SuiteClient.Customer customer, String id) {
        return client.await(client.privacyRights() + "/api/v1/privacy/requests/" + id, customer.token(),
                r -> r.path("status").asText().equals("COMPLETED"), ANSWERED, "request " + id + " completed");
    }

    private static List<String> services(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("participants").forEach(p -> names.add(p.path("service").asText()));
        return names;
    }

    private static JsonNode participant(JsonNode request, String service) {
        for (JsonNode p : request.path("participants")) {
            if (p.path("service").asText().equals(service)) {
                return p;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode service(JsonNode holder, String service) {
        for (JsonNode s : holder.path("services")) {
            if (s.path("service").asText().equals(service)) {
                return s;
            }
        }
        throw new AssertionError("no " + service + " in " + holder);
    }

    /** Every table of the service's database with a row whose text contains one of {@code needles}. */
    private static List<String> rowsMentioning(String database, String... needles) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(suite.postgres().jdbcUrl(database), database, "local-only");
             Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                for (String needle : needles) {
                    try (var query = db.prepareStatement("SELECT count(*) FROM \"" + table + "\" t WHERE t::text ILIKE ?")) {
                        query.setString(1, "%" + needle + "%");
                        try (ResultSet rs = query.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(table + " (" + needle + ")");
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
