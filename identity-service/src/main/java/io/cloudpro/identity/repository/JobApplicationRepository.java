package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.JobApplication;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class JobApplicationRepository implements PanacheRepositoryBase<JobApplication, UUID> {

    public PanacheQuery<JobApplication> byStatus(JobApplication.Status status) {
        return status == null ? find("ORDER BY submittedAt DESC") : find("status = ?1 ORDER BY submittedAt DESC", status);
    }
}
