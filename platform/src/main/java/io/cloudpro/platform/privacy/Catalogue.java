package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a service declares about the personal data it holds: its categories (purposes, legal basis,
 * recipients, retention, what erasure does, portability, source) and the tables that hold none.
 * Kept next to the code in {@code src/main/resources/privacy/catalogue.yaml}; the platform adds its
 * own tables ({@code META-INF/privacy/platform-catalogue.yaml}). A test in every service fails when a
 * table is in neither list, so a new table cannot slip past it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "PrivacyCatalogue", description = "The personal data a service holds, per category")
public record Catalogue(
        @Schema(examples = "identity-service") String service,
        @Schema(description = "Where the service answers other services (claim checks)") String baseUrl,
        List<Category> categories,
        @Schema(description = "Tables that hold no personal data, and why") List<TechnicalTable> technicalTables) {

    public Catalogue {
        categories = categories == null ? List.of() : List.copyOf(categories);
        technicalTables = technicalTables == null ? List.of() : List.copyOf(technicalTables);
    }

    /** GDPR art. 6(1): why processing is lawful. */
    public enum LegalBasis {
        CONSENT("art. 6(1)(a) GDPR"), CONTRACT("art. 6(1)(b) GDPR"), LEGAL_OBLIGATION("art. 6(1)(c) GDPR"),
        VITAL_INTERESTS("art. 6(1)(d) GDPR"), PUBLIC_TASK("art. 6(1)(e) GDPR"), LEGITIMATE_INTERESTS("art. 6(1)(f) GDPR");

        private final String article;

        LegalBasis(String article) {
            this.article = article;
        }

        public String article() {
            return article;
        }
    }

    /** Where the data came from (art. 14(2)(f)). */
    public enum Source { DATA_SUBJECT, SERVICE, THIRD_PARTY }

    /** What happens when the retention period ends. */
    public enum RetentionAction { DELETE, ANONYMISE }

    /**
     * Who ends the retention: retention-service, with purges (the default), or the owner itself, for
     * data that expires as part of its work - a message queued for the mail server, a download link,
     * a code mailed for half an hour. retention-service shows those policies but sends no purge.
     */
    public enum RetentionEnforcer { RETENTION_SERVICE, OWNER }

    /** What an erasure request does to the category. */
    public enum ErasureBehaviour { ERASED, ANONYMISED, WITHHELD }

    /** One kind of personal data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PrivacyCategory")
    public record Category(
            @Schema(examples = "identity.login-history") String key,
            @Schema(examples = "IP addresses of logins") String name,
            @Schema(description = "What it is, in words a customer understands") String description,
            List<String> purposes,
            LegalBasis legalBasis,
            List<Recipient> recipients,
            Retention retention,
            Erasure erasure,
            boolean portable,
            Source source,
            @Schema(description = "The tables that hold it") List<String> tables,
            @Schema(description = "The customer-facing words in Dutch, for the Dutch privacy statement") Dutch nl) {

        /** The same category kept for {@code period} instead (the period in force). */
        public Category withRetentionPeriod(String period) {
            if (retention == null || period == null || period.equals(retention.period())) {
                return this;
            }
            return new Category(key, name, description, purposes, legalBasis, recipients, new Retention(period,
                    retention.startsAt(), retention.startEvent(), retention.action(), retention.statutoryMinimum(),
                    retention.law(), retention.enforcedBy()), erasure, portable, source, tables, nl);
        }

        public Category {
            purposes = purposes == null ? List.of() : List.copyOf(purposes);
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    /**
     * A category's words a customer reads, in Dutch: the privacy statement is published in Dutch and
     * English, and the company is Dutch. {@code purposes} in the same order as the English ones;
     * {@code startsAt} translates the retention's {@code startsAt}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PrivacyCategoryDutch")
    public record Dutch(@Schema(examples = "IP-adressen van logins") String name,
                        String description,
                        List<String> purposes,
                        @Schema(examples = "de login zelf") String startsAt) {

        public Dutch {
            purposes = purposes == null ? List.of() : List.copyOf(purposes);
        }
    }

    /** A named third party that receives the data, and why; {@code nl}: both in Dutch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PrivacyRecipient")
    public record Recipient(@Schema(examples = "Mollie B.V.") String name,
                            @Schema(examples = "payment service provider") String role,
                            RecipientDutch nl) {

        public Recipient(String name, String role) {
            this(name, role, null);
        }
    }

    /** A recipient's name and role in Dutch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PrivacyRecipientDutch")
    public record RecipientDutch(@Schema(examples = "Mollie B.V.") String name,
                                 @Schema(examples = "betaaldienstverlener") String role) {
    }

    /**
     * How long the data is kept: {@code period} (ISO-8601, e.g. P90D) from {@code startsAt} (what
     * starts the clock, in words), then {@code action}; {@code startEvent} names the event type that
     * starts it where one does. A statutory minimum, with its law, cannot be shortened. {@code enforcedBy}:
     * see {@link RetentionEnforcer}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PrivacyRetention")
    public record Retention(@Schema(examples = "P90D") String period,
                            @Schema(examples = "the login itself") String startsAt,
                            String startEvent,
                            RetentionAction action,
                            @Schema(examples = "P7Y") String statutoryMinimum,
                            @Schema(examples = "AWR art. 52") String law,
                            RetentionEnforcer enforcedBy) {

        /** retention-service unless the catalogue says the owner deletes it itself. */
        @Override
        public RetentionEnforcer enforcedBy() {
            return enforcedBy == null ? RetentionEnforcer.RETENTION_SERVICE : enforcedBy;
        }
    }

    /** What erasure does; for WITHHELD the art. 17(3) exception, its law, and until when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PrivacyErasure")
    public record Erasure(ErasureBehaviour behaviour,
                          @Schema(examples = "art. 17(3)(b) GDPR: a legal obligation to keep it") String exception,
                          @Schema(examples = "AWR art. 52") String law,
                          @Schema(examples = "7 years after the end of the invoice's fiscal year") String until) {
    }

    /** A table without personal data. */
    @Schema(name = "PrivacyTechnicalTable")
    public record TechnicalTable(String table, String why) {
    }

    /** Every table named, by categories or as technical. */
    public Set<String> tables() {
        Set<String> tables = new HashSet<>();
        categories.forEach(c -> tables.addAll(c.tables()));
        technicalTables.forEach(t -> tables.add(t.table()));
        return tables;
    }

    /** Whether the service holds any personal data at all. */
    public boolean holdsPersonalData() {
        return !categories.isEmpty();
    }

    public Catalogue withBaseUrl(String url) {
        return new Catalogue(service, url, categories, technicalTables);
    }

    /** This catalogue with another one's categories and tables added (the platform's own). */
    public Catalogue plus(Catalogue other) {
        List<Category> allCategories = new ArrayList<>(categories);
        allCategories.addAll(other.categories());
        List<TechnicalTable> allTables = new ArrayList<>(technicalTables);
        allTables.addAll(other.technicalTables());
        return new Catalogue(service, baseUrl, allCategories, allTables);
    }
}
