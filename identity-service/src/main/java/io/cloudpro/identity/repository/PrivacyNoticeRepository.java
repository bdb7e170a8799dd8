package io.cloudpro.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The version of the privacy statement in force, as privacy-rights-service last published it. */
@ApplicationScoped
public class PrivacyNoticeRepository {

    private final EntityManager entityManager;

    PrivacyNoticeRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<String> current() {
        List<?> rows = entityManager.createNativeQuery("SELECT version FROM privacy_notice WHERE id = 1").getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    /** Keeps the newer of the stored and the given version (events may arrive out of order after a replay). */
    public void record(String version, Instant publishedAt) {
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_notice (id, version, published_at) VALUES (1, ?1, ?2)
                        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, published_at = EXCLUDED.published_at
                         WHERE privacy_notice.published_at < EXCLUDED.published_at""")
                .setParameter(1, version)
                .setParameter(2, publishedAt)
                .executeUpdate();
    }
}
