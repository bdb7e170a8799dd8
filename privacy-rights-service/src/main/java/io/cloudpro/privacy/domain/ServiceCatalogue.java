package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The catalogue a service published last (platform privacy Catalogue as JSON). */
@Entity
@Table(name = "service_catalogue")
public class ServiceCatalogue {

    @Id
    public String service;

    @Column(nullable = false)
    public String catalogue;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
