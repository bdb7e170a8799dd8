package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The corrections of a rectification (GDPR art. 16), delivered by privacy-rights-service over REST
 * before it sends the command: they are personal data (a corrected name, a new address) and have no
 * place in a Kafka record. Applying the command uses them up; undelivered leftovers go after a week.
 */
@ApplicationScoped
public class PrivacyCorrections {

    static final int KEEP_DAYS = 7;
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    PrivacyCorrections(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Keeps the corrections for the command; delivering them again replaces them. */
    @Transactional
    public void deliver(UUID commandId, Map<String, String> corrections, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_correction (command_id, corrections, delivered_at, expires_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (command_id) DO UPDATE SET corrections = EXCLUDED.corrections""")
                .setParameter(1, commandId)
                .setParameter(2, write(corrections))
                .setParameter(3, now)
                .setParameter(4, now.plus(Duration.ofDays(KEEP_DAYS)))
                .executeUpdate();
    }

    /** The command's corrections, deleted as they are taken (in the transaction that applies them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Map<String, String>> take(UUID commandId) {
        List<?> rows = entityManager.createNativeQuery("DELETE FROM privacy_correction WHERE command_id = ?1 RETURNING corrections")
                .setParameter(1, commandId)
                .getResultList();
        return rows.stream().map(String.class::cast).findFirst().map(this::read);
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void deleteExpired() {
        entityManager.createNativeQuery("DELETE FROM privacy_correction WHERE expires_at <= now()").executeUpdate();
    }

    private String write(Map<String, String> corrections) {
        try {
            return json.writeValueAsString(corrections);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String value) {
        try {
            return json.readValue(value, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored corrections are not readable", e);
        }
    }
}
