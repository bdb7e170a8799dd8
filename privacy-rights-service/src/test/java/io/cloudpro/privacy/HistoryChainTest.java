package io.cloudpro.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.officer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history is tamper-evident: a changed entry is found, and a regulator can check the export alone. */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class HistoryChainTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theChainIsIntactItsExportChecksOutAndAChangedEntryIsFound() throws Exception {
        PrivacyClient.Customer customer = customer();
        String id = file(customer, Map.of("type", "RESTRICTION"));
        awaitStatus(customer, id, "COMPLETED");

        JsonPath verification = officer().get("/api/v1/privacy/history/verification").then().statusCode(200).extract().jsonPath();
        assertTrue(verification.getBoolean("intact"), verification.prettify());
        assertTrue(verification.getLong("entries") >= 5);

        // a regulator recomputes every hash from the export, with nothing but SHA-256
        List<Map<String, Object>> entries = officer().get("/api/v1/privacy/history/export").then().statusCode(200)
                .extract().jsonPath().getList("");
        String previous = "0".repeat(64);
        for (Map<String, Object> e : entries) {
            assertEquals(previous, e.get("previousHash"));
            String content = String.join("\n", String.valueOf(e.get("seq")), String.valueOf(e.get("requestId")),
                    String.valueOf(e.get("complaintId")), (String) e.get("kind"), (String) e.get("actor"),
                    (String) e.get("details"), (String) e.get("recordedAt"), previous);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
            assertEquals(hash, e.get("hash"), "entry " + e.get("seq"));
            previous = hash;
        }
        int checked = verification.getInt("entries");
        assertEquals(verification.getString("lastHash"), entries.get(checked - 1).get("hash"));

        // someone edits an entry in the database: the check names it
        long seq = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT min(seq) FROM history_entry WHERE request_id = ?1 AND kind = 'request.received'")
                .setParameter(1, java.util.UUID.fromString(id)).getSingleResult()).longValue());
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE history_entry SET details = replace(details, 'RESTRICTION', 'ACCESS') WHERE seq = ?1")
                .setParameter(1, seq).executeUpdate());
        try {
            JsonPath broken = officer().get("/api/v1/privacy/history/verification").then().statusCode(200).extract().jsonPath();
            assertFalse(broken.getBoolean("intact"));
            assertEquals(seq, broken.getLong("firstBrokenSeq"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "UPDATE history_entry SET details = replace(details, 'ACCESS', 'RESTRICTION') WHERE seq = ?1")
                    .setParameter(1, seq).executeUpdate());
        }
        assertTrue(officer().get("/api/v1/privacy/history/verification").then().extract().jsonPath().getBoolean("intact"));
        customer.call().get("/api/v1/privacy/history/verification").then().statusCode(403);
    }
}
