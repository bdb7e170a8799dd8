package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The PDF an applicant uploaded. */
@Entity
@Table(name = "job_application_cv")
public class JobApplicationCv {

    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(nullable = false)
    public byte[] content;
}
