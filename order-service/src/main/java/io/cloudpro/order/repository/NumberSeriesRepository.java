package io.cloudpro.order.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Consecutive numbers per series. The counter row is updated in the caller's transaction and stays
 * locked until it ends: a concurrent caller waits, and a rollback gives the number back - no gap and
 * no duplicate, whatever fails in between.
 */
@ApplicationScoped
public class NumberSeriesRepository {

    private final EntityManager entityManager;

    NumberSeriesRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public long next(String series) {
        return ((Number) entityManager.createNativeQuery("""
                        INSERT INTO number_series (series, last_number) VALUES (?1, 1)
                        ON CONFLICT (series) DO UPDATE SET last_number = number_series.last_number + 1
                        RETURNING last_number""")
                .setParameter(1, series)
                .getSingleResult()).longValue();
    }
}
