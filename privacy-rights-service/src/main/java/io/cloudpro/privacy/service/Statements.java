package io.cloudpro.privacy.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.StatementPublished;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.Deadlines;
import io.cloudpro.privacy.domain.Language;
import io.cloudpro.privacy.domain.StatementVersion;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.privacy.repository.StatementRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The register of processing (GDPR art. 30) and the privacy statement, both built from the
 * catalogues the services publish - so the statement says what the code does. A new version of the
 * statement is made when what it says changed, dated the day it took effect, and announced on
 * {@code privacy.statements}: consent proof refers to it.
 */
@ApplicationScoped
public class Statements {

    private static final Logger LOG = Logger.getLogger(Statements.class);

    /** The third party that receives data on a legal claim only, named by the privacy statement itself. */
    static final String POLICE = "the police, only on a legal claim, recorded with the claim's reference";
    static final String POLICE_NL = "de politie, alleen op een wettelijke vordering, vastgelegd met het kenmerk van de vordering";

    private final CatalogueRegistry registry;
    private final StatementRepository versions;
    private final InformationSheets sheets;
    private final PrivacyRightsEvents events;
    private final Json json;
    private final Duration settle;
    private final String publicUrl;
    private volatile Instant lastCatalogueSeen;

    Statements(CatalogueRegistry registry, StatementRepository versions, InformationSheets sheets,
               PrivacyRightsEvents events, Json json, PrivacyRightsConfig config) {
        this.registry = registry;
        this.versions = versions;
        this.sheets = sheets;
        this.events = events;
        this.json = json;
        this.settle = config.statementSettle();
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /**
     * The privacy statement: what is kept, why, on which basis, with whom it is shared, how long, and
     * the rights - in English, and in Dutch in {@code nl} (absent from versions published before the
     * statement had a Dutch text).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statement(String version, Instant publishedAt, InformationSheets.Controller controller,
                            List<InformationSheets.CategoryInfo> categories, List<String> thirdParties,
                            List<String> rights, String complaints, String automatedDecisions, Text nl) {

        Statement withVersion(String version, Instant publishedAt) {
            return new Statement(version, publishedAt, controller, categories, thirdParties, rights, complaints,
                    automatedDecisions, nl);
        }

        /** The statement in {@code language}, or empty when this version has no text in it. */
        public Optional<Statement> in(Language language) {
            if (language == Language.EN) {
                return Optional.of(this);
            }
            return Optional.ofNullable(nl).map(text -> new Statement(version, publishedAt, controller, text.categories(),
                    text.thirdParties(), text.rights(), text.complaints(), text.automatedDecisions(), null));
        }
    }

    /** What the statement says in another language; version, date and controller are the same. */
    public record Text(List<InformationSheets.CategoryInfo> categories, List<String> thirdParties, List<String> rights,
                       String complaints, String automatedDecisions) {
    }

    /** The register of processing: per service, every category as declared, with its tables. */
    public record Register(InformationSheets.Controller controller, List<Catalogue> services, Instant builtAt) {
    }

    @Transactional
    public Register register() {
        return new Register(sheets.controller(), registry.all(), Timestamps.now());
    }

    /** The statement as the catalogues make it now, without version. */
    Statement draft() {
        Text english = text(Language.EN);
        return new Statement(null, null, sheets.controller(), english.categories(), english.thirdParties(), english.rights(),
                english.complaints(), english.automatedDecisions(), text(Language.NL));
    }

    private Text text(Language language) {
        boolean dutch = language == Language.NL;
        List<InformationSheets.CategoryInfo> categories = new ArrayList<>();
        Set<String> thirdParties = new LinkedHashSet<>();
        for (Catalogue catalogue : registry.all()) {
            for (Catalogue.Category category : catalogue.categories()) {
                categories.add(InformationSheets.info(catalogue.service(), category, language));
                category.recipients().forEach(r -> thirdParties.add(InformationSheets.recipient(r, language)));
            }
        }
        thirdParties.add(dutch ? POLICE_NL : POLICE);
        return new Text(categories, List.copyOf(thirdParties), dutch ? InformationSheets.RIGHTS_NL : InformationSheets.RIGHTS,
                dutch ? InformationSheets.COMPLAINT_RIGHTS_NL : PrivacyMails.COMPLAINT_RIGHTS.replace('\n', ' '),
                dutch ? InformationSheets.NO_AUTOMATED_DECISIONS_NL : InformationSheets.NO_AUTOMATED_DECISIONS);
    }

    /**
     * Makes a new version when the catalogues changed and have been quiet for a while, and what the
     * statement says is different from the current version.
     */
    public void refreshIfSettled() {
        Instant last = registry.lastChange();
        if (last == null || last.equals(lastCatalogueSeen) || Duration.between(last, Timestamps.now()).compareTo(settle) < 0) {
            return;
        }
        QuarkusTransaction.requiringNew().run(this::publishIfChanged);
        lastCatalogueSeen = last;
    }

    private void publishIfChanged() {
        Statement draft = draft();
        String hash = sha256(json.write(draft));
        StatementVersion current = versions.current().orElse(null);
        if (current != null && current.contentHash.equals(hash)) {
            return;
        }
        Instant now = Timestamps.now();
        String day = Deadlines.today(now).toString();
        long sameDay = versions.countVersionsStartingWith(day);
        String version = sameDay == 0 ? day : day + "." + (sameDay + 1);
        StatementVersion row = new StatementVersion();
        row.version = version;
        row.publishedAt = now;
        row.content = json.write(draft.withVersion(version, now));
        row.contentHash = hash;
        versions.persist(row);
        events.statementPublished(new StatementPublished(version, now, publicUrl + "/privacy-statement/" + version));
        LOG.infof("Privacy statement version %s published (%d categories)", version, draft.categories().size());
    }

    @Transactional
    public Statement current() {
        return published().orElseThrow(() -> ProblemException.notFound("Privacy statement"));
    }

    /** The statement in force; empty until the services' catalogues made the first one. */
    @Transactional
    public Optional<Statement> published() {
        return versions.current().map(v -> json.read(v.content, Statement.class));
    }

    @Transactional
    public Statement version(String version) {
        StatementVersion row = versions.findById(version);
        if (row == null) {
            throw ProblemException.notFound("Privacy statement version");
        }
        return json.read(row.content, Statement.class);
    }

    /** Every version, newest first: version and date. */
    public record VersionInfo(String version, Instant publishedAt) {
    }

    @Transactional
    public List<VersionInfo> versions() {
        return versions.newestFirst().stream().map(v -> new VersionInfo(v.version, v.publishedAt)).toList();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
