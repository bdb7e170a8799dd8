package io.cloudpro.privacy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.PrivacyCatalogues;
import io.cloudpro.privacy.domain.ServiceCatalogue;
import io.cloudpro.privacy.repository.CatalogueRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalogues the services published: who takes part in privacy work (every service that
 * declared personal data), and what they hold - the source of the register of processing, the
 * information sheet and the privacy statement.
 */
@ApplicationScoped
public class CatalogueRegistry {

    private final CatalogueRepository catalogues;
    private final ObjectMapper json;

    CatalogueRegistry(CatalogueRepository catalogues, ObjectMapper json) {
        this.catalogues = catalogues;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void published(PrivacyCatalogues.CataloguePublished published) {
        Catalogue catalogue = published.catalogue();
        ServiceCatalogue row = catalogues.findById(catalogue.service());
        if (row != null && row.receivedAt.isAfter(published.publishedAt())) {
            return; // an older one, replayed
        }
        if (row == null) {
            row = new ServiceCatalogue();
            row.service = catalogue.service();
            row.catalogue = write(catalogue);
            row.receivedAt = published.publishedAt();
            catalogues.persist(row);
        } else {
            row.catalogue = write(catalogue);
            row.receivedAt = published.publishedAt();
        }
    }

    /** Every service's catalogue, by service name. */
    @Transactional
    public List<Catalogue> all() {
        return catalogues.all().stream().map(c -> read(c.catalogue)).toList();
    }

    /** The services that declared personal data: every request goes to each of them. */
    @Transactional
    public List<String> participants() {
        return all().stream().filter(Catalogue::holdsPersonalData).map(Catalogue::service).toList();
    }

    @Transactional
    public Optional<Catalogue> of(String service) {
        return Optional.ofNullable(catalogues.findById(service)).map(c -> read(c.catalogue));
    }

    /** When the newest catalogue arrived (null before any did). */
    @Transactional
    public Instant lastChange() {
        return catalogues.all().stream().map(c -> c.receivedAt).max(Instant::compareTo).orElse(null);
    }

    private String write(Catalogue catalogue) {
        try {
            return json.writeValueAsString(catalogue);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Catalogue read(String value) {
        try {
            return json.readValue(value, Catalogue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored catalogue is not readable", e);
        }
    }
}
