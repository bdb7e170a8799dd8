package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudpro.platform.events.EventOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The service's privacy catalogue: read at start-up from {@code privacy/catalogue.yaml} plus the
 * platform's own tables, checked (every category complete, keys unique), served, and published on
 * {@value PrivacyTopics#CATALOGUES} so that privacy-rights-service builds the register of processing
 * and retention-service its policies from what the code declares.
 */
@ApplicationScoped
public class PrivacyCatalogues {

    static final String SERVICE_CATALOGUE = "privacy/catalogue.yaml";
    static final String PLATFORM_CATALOGUE = "META-INF/privacy/platform-catalogue.yaml";
    private static final ObjectMapper PLAIN_JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Catalogue catalogue;
    private final EventOutbox outbox;
    private final Optional<String> configuredUrl;

    PrivacyCatalogues(EventOutbox outbox, @ConfigProperty(name = "quarkus.application.name") String application,
                      @ConfigProperty(name = "cloudpro.service-url") Optional<String> configuredUrl) {
        this.outbox = outbox;
        this.configuredUrl = configuredUrl;
        Catalogue own = read(SERVICE_CATALOGUE);
        if (!application.equals(own.service())) {
            throw new IllegalStateException(SERVICE_CATALOGUE + " names service " + own.service() + ", not " + application);
        }
        this.catalogue = check(own.plus(read(PLATFORM_CATALOGUE)));
    }

    /** The catalogue, with the address other services reach this one at. */
    public Catalogue catalogue() {
        return catalogue.withBaseUrl(baseUrl());
    }

    public String service() {
        return catalogue.service();
    }

    /**
     * Where other services reach this one: {@code cloudpro.service-url} (in Kubernetes the service's
     * DNS name), else this machine and the port the server listens on.
     */
    public String baseUrl() {
        return configuredUrl.filter(u -> !u.isBlank()).orElseGet(() -> {
            String portProperty = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
            // a random port (0, in tests) is known once bound: Quarkus then sets it as a system property
            String port = System.getProperty(portProperty, ConfigProvider.getConfig().getValue(portProperty, String.class));
            return "http://localhost:" + port;
        });
    }

    /**
     * The catalogue as JSON for the REST endpoint, written by a plain Jackson mapper: the
     * serializers Quarkus generates for REST return types write absent fields as {@code null}, and
     * the endpoint serves the same document as the published event.
     */
    public JsonNode catalogueJson() {
        return PLAIN_JSON.valueToTree(catalogue());
    }

    void publishAtStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(PrivacyTopics.CATALOGUES,
                PrivacyTopics.CATALOGUE_PUBLISHED, catalogue.service(),
                new CataloguePublished(catalogue(), Instant.now())));
    }

    /** The payload of a published catalogue. */
    /**
     * The period in force for a category: the catalogue's, or the privacy officer's (retention-service,
     * {@value PrivacyTopics#POLICIES}); what the information sheet and the privacy statement say.
     */
    public record PeriodInForce(String category, String period, int version, Instant changedAt) {
    }

    public record CataloguePublished(Catalogue catalogue, Instant publishedAt) {
    }

    private static Catalogue read(String resource) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no privacy catalogue: " + resource + " is missing from the classpath");
            }
            return yaml.readValue(in, Catalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the privacy catalogue " + resource, e);
        }
    }

    /** Every category complete and its key unique; no table both personal and technical. */
    static Catalogue check(Catalogue catalogue) {
        Set<String> keys = new HashSet<>();
        Set<String> personal = new HashSet<>();
        for (Catalogue.Category category : catalogue.categories()) {
            String key = category.key();
            require(key != null && key.matches("[a-z0-9-]+\\.[a-z0-9.-]+"), "a category key like identity.login-history: " + key);
            require(keys.add(key), "category " + key + " is declared twice");
            require(category.name() != null && category.description() != null, key + " needs a name and a description");
            require(!category.purposes().isEmpty(), key + " needs its purposes");
            require(category.legalBasis() != null, key + " needs a legal basis");
            require(category.retention() != null && category.retention().period() != null
                    && category.retention().startsAt() != null && category.retention().action() != null,
                    key + " needs a retention period, what starts it and what happens at its end");
            require(category.erasure() != null && category.erasure().behaviour() != null, key + " needs its erasure behaviour");
            require(category.erasure().behaviour() != Catalogue.ErasureBehaviour.WITHHELD
                    || (category.erasure().exception() != null && category.erasure().law() != null),
                    key + " is withheld on erasure: name the exception and the law");
            require(category.source() != null, key + " needs its source");
            require(!category.tables().isEmpty(), key + " needs the tables that hold it");
            personal.addAll(category.tables());
        }
        for (Catalogue.TechnicalTable table : catalogue.technicalTables()) {
            require(!personal.contains(table.table()), table.table() + " is declared both personal and technical");
            require(table.why() != null && !table.why().isBlank(), table.table() + " needs a reason why it holds no personal data");
        }
        return catalogue;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("privacy catalogue: " + message);
        }
    }
}
