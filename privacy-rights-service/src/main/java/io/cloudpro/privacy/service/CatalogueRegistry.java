package io.cloudpro.privacy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.PrivacyCatalogues;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.PeriodInForce;
import io.cloudpro.privacy.domain.ServiceCatalogue;
import io.cloudpro.privacy.repository.CatalogueRepository;
import io.cloudpro.privacy.repository.PeriodRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogues the services published: who takes part in privacy work (every service that
 * declared personal data), and what they hold - the source of the register of processing, the
 * information sheet and the privacy statement - with the retention periods in force that
 * retention-service publishes (the privacy officer may have changed a catalogue's).
 */
@ApplicationScoped
public class CatalogueRegistry {

    private final CatalogueRepository catalogues;
    private final PeriodRepository periods;
    private final ObjectMapper json;

    CatalogueRegistry(CatalogueRepository catalogues, PeriodRepository periods, ObjectMapper json) {
        this.catalogues = catalogues;
        this.periods = periods;
        this.json = json;
    }

    /** retention-service's period in force for a category; an older version that arrives late changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void periodInForce(PrivacyCatalogues.PeriodInForce published) {
        PeriodInForce row = periods.findById(published.category());
        if (row != null && row.version >= published.version()) {
            return;
        }
        boolean isNew = row == null;
        if (isNew) {
            row = new PeriodInForce();
            row.category = published.category();
        }
        row.period = published.period();
        row.version = published.version();
        row.changedAt = published.changedAt();
        row.receivedAt = Timestamps.now();
        if (isNew) {
            periods.persist(row); // after the fields: the insert takes them as they are now
        }
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

    /** Every service's catalogue, by service name, with the retention periods in force. */
    @Transactional
    public List<Catalogue> all() {
        Map<String, String> inForce = periods.byCategory();
        return catalogues.all().stream().map(c -> withPeriods(read(c.catalogue), inForce)).toList();
    }

    /** The services that declared personal data: every request goes to each of them. */
    @Transactional
    public List<String> participants() {
        return all().stream().filter(Catalogue::holdsPersonalData).map(Catalogue::service).toList();
    }

    @Transactional
    public Optional<Catalogue> of(String service) {
        Map<String, String> inForce = periods.byCategory();
        return Optional.ofNullable(catalogues.findById(service)).map(c -> withPeriods(read(c.catalogue), inForce));
    }

    /** When the newest catalogue or period in force arrived (null before any did). */
    @Transactional
    public Instant lastChange() {
        Instant catalogue = catalogues.all().stream().map(c -> c.receivedAt).max(Instant::compareTo).orElse(null);
        Instant period = periods.lastReceived();
        return catalogue == null || (period != null && period.isAfter(catalogue)) ? period : catalogue;
    }

    private static Catalogue withPeriods(Catalogue catalogue, Map<String, String> inForce) {
        if (inForce.isEmpty()) {
            return catalogue;
        }
        return new Catalogue(catalogue.service(), catalogue.baseUrl(), catalogue.categories().stream()
                .map(c -> c.withRetentionPeriod(inForce.get(c.key()))).toList(), catalogue.technicalTables());
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
