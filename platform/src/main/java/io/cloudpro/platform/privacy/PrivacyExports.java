package io.cloudpro.platform.privacy;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Exports waiting for privacy-rights-service to fetch them (a claim check: an export can be
 * megabytes, a CV included, and has no place in a Kafka record). Fetched exports are deleted by
 * the fetcher; unfetched ones after {@value #KEEP_DAYS} days - they are copies of personal data.
 */
@ApplicationScoped
public class PrivacyExports {

    static final int KEEP_DAYS = 7;

    private final EntityManager entityManager;

    PrivacyExports(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID store(UUID commandId, String json, Instant now) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_export (id, command_id, content, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, id)
                .setParameter(2, commandId)
                .setParameter(3, json)
                .setParameter(4, now)
                .setParameter(5, now.plus(Duration.ofDays(KEEP_DAYS)))
                .executeUpdate();
        return id;
    }

    @Transactional
    public Optional<String> content(UUID id) {
        List<?> rows = entityManager.createNativeQuery("SELECT content FROM privacy_export WHERE id = ?1 AND expires_at > now()")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    @Transactional
    public boolean delete(UUID id) {
        return entityManager.createNativeQuery("DELETE FROM privacy_export WHERE id = ?1").setParameter(1, id).executeUpdate() > 0;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void deleteExpired() {
        entityManager.createNativeQuery("DELETE FROM privacy_export WHERE expires_at <= now()").executeUpdate();
    }
}
