package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.JobApplicationCv;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class JobApplicationCvRepository implements PanacheRepositoryBase<JobApplicationCv, UUID> {
}
