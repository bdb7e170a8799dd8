package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.ServiceCatalogue;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class CatalogueRepository implements PanacheRepositoryBase<ServiceCatalogue, String> {

    public List<ServiceCatalogue> all() {
        return list("ORDER BY service");
    }
}
