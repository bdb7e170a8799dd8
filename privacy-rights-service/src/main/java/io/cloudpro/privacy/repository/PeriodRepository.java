package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.PeriodInForce;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class PeriodRepository implements PanacheRepositoryBase<PeriodInForce, String> {

    /** Category -> period in force. */
    public Map<String, String> byCategory() {
        return listAll().stream().collect(Collectors.toMap(p -> p.category, p -> p.period));
    }

    public Instant lastReceived() {
        return listAll().stream().map(p -> p.receivedAt).max(Instant::compareTo).orElse(null);
    }
}
