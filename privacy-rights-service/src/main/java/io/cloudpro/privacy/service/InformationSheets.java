package io.cloudpro.privacy.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.platform.config.CompanyDetails;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.Disclosure;
import io.cloudpro.privacy.domain.Language;
import io.cloudpro.privacy.mail.PrivacyMails;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The information sheet of GDPR art. 15(1) that goes with every access answer: for each category of
 * data held about the person, why it is kept and on which basis, who receives such data, how long it
 * is kept and where it came from; the recipients that actually received the person's data, by name,
 * from the register of disclosures; the rights, and the right to complain to the AP. Built from what
 * the services declare in their catalogues, never written by hand.
 */
@ApplicationScoped
public class InformationSheets {

    static final List<String> RIGHTS = List.of(
            "Access: a copy of your data with this information (GDPR art. 15).",
            "Rectification: have wrong or incomplete data corrected (art. 16).",
            "Erasure: have your data deleted, except what a law makes us keep (art. 17).",
            "Restriction: have us keep your data but not use it, e.g. while its accuracy is checked (art. 18).",
            "Portability: the data you gave us, in a machine-readable format, for you or another company (art. 20).",
            "Objection: to direct marketing, which then stops at once, and to processing on our legitimate interests (art. 21).",
            "Withdrawing consent at any time, e.g. for the newsletter, without affecting what happened before (art. 7(3)).");

    static final List<String> RIGHTS_NL = List.of(
            "Inzage: een kopie van uw gegevens met deze informatie (art. 15 AVG).",
            "Rectificatie: onjuiste of onvolledige gegevens laten verbeteren (art. 16 AVG).",
            "Wissing: uw gegevens laten verwijderen, behalve wat een wet ons verplicht te bewaren (art. 17 AVG).",
            "Beperking: uw gegevens laten bewaren maar niet laten gebruiken, bijvoorbeeld terwijl de juistheid wordt"
                    + " gecontroleerd (art. 18 AVG).",
            "Overdraagbaarheid: de gegevens die u ons gaf, in een machineleesbaar formaat, voor uzelf of een ander bedrijf"
                    + " (art. 20 AVG).",
            "Bezwaar: tegen direct marketing, die dan meteen stopt, en tegen verwerking op grond van ons gerechtvaardigd"
                    + " belang (art. 21 AVG).",
            "Uw toestemming op elk moment intrekken, bijvoorbeeld voor de nieuwsbrief, zonder gevolgen voor wat daarvoor"
                    + " gebeurde (art. 7 lid 3 AVG).");

    static final String NO_AUTOMATED_DECISIONS = "We take no decisions about you by automated means alone and do not"
            + " profile you (art. 22).";
    static final String NO_AUTOMATED_DECISIONS_NL = "Wij nemen geen besluiten over u die alleen op geautomatiseerde"
            + " verwerking berusten en maken geen profiel van u (art. 22 AVG).";
    static final String COMPLAINT_RIGHTS_NL = "Bent u het niet met ons eens, dan heeft u het recht een klacht in te dienen"
            + " bij de Autoriteit Persoonsgegevens (https://autoriteitpersoonsgegevens.nl, Postbus 93374, 2509 AJ Den Haag)"
            + " en het recht om naar de rechter te gaan (art. 77 en 79 AVG).";

    private final CatalogueRegistry registry;
    private final DisclosureRegister disclosures;
    private final CompanyDetails company;
    private final String officerEmail;

    InformationSheets(CatalogueRegistry registry, DisclosureRegister disclosures, CompanyDetails company,
                      PrivacyRightsConfig config) {
        this.registry = registry;
        this.disclosures = disclosures;
        this.company = company;
        this.officerEmail = config.officerEmail();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InformationSheet(Controller controller, List<CategoryInfo> categories, List<RecipientInfo> recipients,
                                   List<String> rights, String complaints, String automatedDecisions, Instant generatedAt) {
    }

    public record Controller(String name, String address, String email, String privacyContact, String kvkNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CategoryInfo(String service, String category, String name, String description, List<String> purposes,
                               String legalBasis, List<String> recipients, String retention, String source,
                               boolean portable) {
    }

    /** A third party that received the person's data, from the register of disclosures. */
    public record RecipientInfo(String name, List<String> categories, String basis, Instant firstDisclosedAt,
                                Instant lastDisclosedAt, int times) {
    }

    /**
     * The sheet for a person about whom each service found the given categories.
     *
     * @param found      per service, the category keys it holds about the person
     * @param subjectIds every id the person is known by, to find their disclosures
     */
    public InformationSheet build(Map<String, Set<String>> found, Collection<UUID> subjectIds, Instant now) {
        List<CategoryInfo> categories = new ArrayList<>();
        for (Catalogue catalogue : registry.all()) {
            Set<String> held = found.getOrDefault(catalogue.service(), Set.of());
            for (Catalogue.Category category : catalogue.categories()) {
                if (held.contains(category.key())) {
                    categories.add(info(catalogue.service(), category));
                }
            }
        }
        return new InformationSheet(controller(), categories, recipients(disclosures.ofSubject(subjectIds)), RIGHTS,
                PrivacyMails.COMPLAINT_RIGHTS.replace('\n', ' '), NO_AUTOMATED_DECISIONS, now);
    }

    Controller controller() {
        return new Controller(company.name(), company.street() + ", " + company.postalCode() + " " + company.city(),
                company.email(), officerEmail, company.kvkNumber());
    }

    static CategoryInfo info(String service, Catalogue.Category category) {
        return info(service, category, Language.EN);
    }

    /**
     * The category in words of {@code language}; where the catalogue has no Dutch words for it (a
     * service not yet updated), the English ones stand in.
     */
    static CategoryInfo info(String service, Catalogue.Category category, Language language) {
        Catalogue.Dutch nl = language == Language.NL ? category.nl() : null;
        Catalogue.LegalBasis basis = category.legalBasis();
        String startsAt = category.retention() == null ? null
                : dutchOr(nl == null ? null : nl.startsAt(), category.retention().startsAt());
        return new CategoryInfo(service, category.key(), dutchOr(nl == null ? null : nl.name(), category.name()),
                dutchOr(nl == null ? null : nl.description(), category.description()),
                nl == null || nl.purposes().size() != category.purposes().size() ? category.purposes() : nl.purposes(),
                basis == null ? null : words(basis, language) + " (" + article(basis, language) + ")",
                category.recipients().stream().map(r -> recipient(r, language)).toList(),
                RetentionWords.of(category.retention(), startsAt, language), source(category.source(), language),
                category.portable());
    }

    /** The Dutch words where declared, else the English ones: a field left out is shown, not empty. */
    private static String dutchOr(String dutch, String english) {
        return dutch == null || dutch.isBlank() ? english : dutch;
    }

    /** "Mollie B.V., payment service provider": a recipient's name and role, in Dutch where declared. */
    static String recipient(Catalogue.Recipient recipient, Language language) {
        Catalogue.RecipientDutch nl = language == Language.NL ? recipient.nl() : null;
        String name = dutchOr(nl == null ? null : nl.name(), recipient.name());
        String role = dutchOr(nl == null ? null : nl.role(), recipient.role());
        return name + (role == null ? "" : ", " + role);
    }

    static List<RecipientInfo> recipients(List<Disclosure> disclosed) {
        Map<String, List<Disclosure>> byRecipient = new LinkedHashMap<>();
        disclosed.forEach(d -> byRecipient.computeIfAbsent(d.recipient, r -> new ArrayList<>()).add(d));
        List<RecipientInfo> recipients = new ArrayList<>();
        byRecipient.forEach((name, list) -> {
            Set<String> categories = new TreeSet<>();
            list.forEach(d -> categories.addAll(Arrays.stream(d.categories.split(",")).filter(c -> !c.isBlank()).toList()));
            recipients.add(new RecipientInfo(name, List.copyOf(categories), list.get(list.size() - 1).basis,
                    list.get(0).disclosedAt, list.get(list.size() - 1).disclosedAt, list.size()));
        });
        return recipients;
    }

    static String words(Catalogue.LegalBasis basis, Language language) {
        if (language == Language.NL) {
            return switch (basis) {
                case CONSENT -> "uw toestemming";
                case CONTRACT -> "onze overeenkomst met u";
                case LEGAL_OBLIGATION -> "een wettelijke verplichting";
                case VITAL_INTERESTS -> "vitale belangen";
                case PUBLIC_TASK -> "een taak van algemeen belang";
                case LEGITIMATE_INTERESTS -> "ons gerechtvaardigd belang";
            };
        }
        return switch (basis) {
            case CONSENT -> "your consent";
            case CONTRACT -> "our contract with you";
            case LEGAL_OBLIGATION -> "a legal obligation";
            case VITAL_INTERESTS -> "vital interests";
            case PUBLIC_TASK -> "a task in the public interest";
            case LEGITIMATE_INTERESTS -> "our legitimate interests";
        };
    }

    /** "art. 6(1)(b) GDPR", in Dutch "art. 6 lid 1 sub b AVG". */
    private static String article(Catalogue.LegalBasis basis, Language language) {
        return language == Language.NL ? basis.article().replaceFirst("^art\\. 6\\(1\\)\\((.)\\) GDPR$", "art. 6 lid 1 sub $1 AVG")
                : basis.article();
    }

    static String source(Catalogue.Source source, Language language) {
        if (source == null) {
            return null;
        }
        boolean dutch = language == Language.NL;
        return switch (source) {
            case DATA_SUBJECT -> dutch ? "uzelf" : "you";
            case SERVICE -> dutch ? "onze systemen, terwijl u onze diensten gebruikt" : "our systems, as you use our services";
            case THIRD_PARTY -> dutch ? "een derde" : "a third party";
        };
    }
}
