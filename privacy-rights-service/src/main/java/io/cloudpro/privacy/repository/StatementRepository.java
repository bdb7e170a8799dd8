package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.StatementVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class StatementRepository implements PanacheRepositoryBase<StatementVersion, String> {

    public Optional<StatementVersion> current() {
        return find("ORDER BY publishedAt DESC").firstResultOptional();
    }

    public List<StatementVersion> newestFirst() {
        return list("ORDER BY publishedAt DESC");
    }

    public long countVersionsStartingWith(String prefix) {
        return count("version LIKE ?1", prefix + "%");
    }
}
