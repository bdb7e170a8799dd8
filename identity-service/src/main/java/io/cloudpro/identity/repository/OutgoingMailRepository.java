package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.OutgoingMail;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OutgoingMailRepository implements PanacheRepositoryBase<OutgoingMail, Long> {
}
