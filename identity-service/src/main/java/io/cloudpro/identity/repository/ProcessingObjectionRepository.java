package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.ProcessingObjection;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProcessingObjectionRepository implements PanacheRepositoryBase<ProcessingObjection, UUID> {

    /** The objections recorded for the person. */
    public List<ProcessingObjection> forSubject(UUID subjectId) {
        return list("subjectId = ?1 ORDER BY recordedAt", subjectId);
    }

    public long deleteForSubject(UUID subjectId) {
        return delete("subjectId", subjectId);
    }
}
