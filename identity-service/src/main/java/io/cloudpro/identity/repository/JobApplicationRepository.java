package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.JobApplication;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.UUID;

@ApplicationScoped
public class JobApplicationRepository implements PanacheRepositoryBase<JobApplication, UUID> {

    public PanacheQuery<JobApplication> byStatus(JobApplication.Status status) {
        return status == null ? find("ORDER BY submittedAt DESC") : find("status = ?1 ORDER BY submittedAt DESC", status);
    }

    /** Deletes the rejected applications among {@code ids} (their CVs go with them); how many. */
    public long deleteRejected(Collection<UUID> ids) {
        return ids.isEmpty() ? 0 : delete("id IN ?1 AND status = ?2", ids, JobApplication.Status.REJECTED);
    }
}
