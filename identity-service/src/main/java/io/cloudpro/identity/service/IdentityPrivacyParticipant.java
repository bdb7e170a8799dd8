package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Company;
import io.cloudpro.identity.domain.PostalAddress;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.JobApplication;
import io.cloudpro.identity.domain.JobApplicationCv;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.NewsletterConsent;
import io.cloudpro.identity.domain.ProcessingObjection;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.AccountAccessRepository;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.JobApplicationCvRepository;
import io.cloudpro.identity.repository.JobApplicationRepository;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.identity.repository.NewsletterConsentRepository;
import io.cloudpro.identity.repository.OneTimeTokenRepository;
import io.cloudpro.identity.repository.ProcessingObjectionRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.identity.security.EmailHashes;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.privacy.LegalHolds;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.privacy.PrivacyResult.Outcome;
import io.cloudpro.platform.privacy.PrivacyResult.Withheld;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * identity-service as a privacy participant: what it does with a person's data for each privacy
 * command. Runs in the transaction of the command (platform privacy). A person is found by the
 * account they own, their logins and their job applications.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdentityPrivacyParticipant implements PrivacyParticipant {

    static final String NAME_ADDRESS = "identity.name-address";
    static final String COMPANY = "identity.company";
    static final String EMAIL = "identity.email";
    static final String PHONE = "identity.phone";
    static final String LOGIN_DETAILS = "identity.login-details";
    static final String LOGIN_HISTORY = "identity.login-history";
    static final String NEWSLETTER = "identity.newsletter-consent";
    static final String APPLICATIONS = "identity.job-applications";
    static final String STAFF_ACCESS = "identity.staff-access";
    /** Proof of a withdrawn consent is kept this long after the withdrawal. */
    static final java.time.Period CONSENT_PROOF_KEPT = java.time.Period.ofYears(2);

    private final AccountRepository accounts;
    private final CredentialRepository credentials;
    private final SessionRepository sessions;
    private final LoginAttemptRepository attempts;
    private final NewsletterConsentRepository consents;
    private final AccountAccessRepository accessLog;
    private final JobApplicationRepository applications;
    private final JobApplicationCvRepository cvs;
    private final OneTimeTokenRepository oneTimeTokens;
    private final ProcessingObjectionRepository objections;
    private final NewsletterService newsletter;
    private final EmailHashes emailHashes;
    private final MailOutbox mail;
    private final IdentityEvents events;
    private final AccountService accountService;
    private final Sessions sessionControl;

    IdentityPrivacyParticipant(AccountRepository accounts, CredentialRepository credentials, SessionRepository sessions,
                               LoginAttemptRepository attempts, NewsletterConsentRepository consents,
                               AccountAccessRepository accessLog, JobApplicationRepository applications,
                               JobApplicationCvRepository cvs, OneTimeTokenRepository oneTimeTokens,
                               ProcessingObjectionRepository objections, NewsletterService newsletter,
                               EmailHashes emailHashes, MailOutbox mail, IdentityEvents events,
                               AccountService accountService, Sessions sessionControl) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.sessions = sessions;
        this.attempts = attempts;
        this.consents = consents;
        this.accessLog = accessLog;
        this.applications = applications;
        this.cvs = cvs;
        this.oneTimeTokens = oneTimeTokens;
        this.objections = objections;
        this.newsletter = newsletter;
        this.emailHashes = emailHashes;
        this.mail = mail;
        this.events = events;
        this.accountService = accountService;
        this.sessionControl = sessionControl;
    }

    // --- export (art. 15 and 20) -----------------------------------------------------------------

    @Override
    public Export export(Subject subject) {
        return collect(subject, true);
    }

    /** Counted like the export, without reading the CVs: a person looking at their data waits for this. */
    @Override
    public List<Holding> holdings(Subject subject) {
        return PrivacyParticipant.counted(collect(subject, false));
    }

    private Export collect(Subject subject, boolean withAttachments) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<CategoryOutcome> outcomes = new ArrayList<>();
        List<Account> owned = accounts(subject);
        List<Account> live = owned.stream().filter(a -> a.erasedAt == null).toList();
        List<Credential> logins = logins(subject, owned);

        put(data, outcomes, NAME_ADDRESS, live.stream().map(a -> new NameAndAddress(a.id, a.firstName, a.lastName,
                AccountService.addressOf(a), a.status.name(), a.createdAt, a.closedAt, a.restrictedAt)).toList());
        put(data, outcomes, COMPANY, live.stream().filter(Account::hasCompany)
                .map(a -> new CompanyView(a.id, AccountService.companyOf(a))).toList());
        put(data, outcomes, PHONE, live.stream().filter(a -> a.phone != null).map(a -> new PhoneView(a.id, a.phone)).toList());
        put(data, outcomes, EMAIL, logins.stream().map(l -> new EmailView(l.email, l.emailVerified)).toList());
        if (!logins.isEmpty()) {
            List<MemberView> members = new ArrayList<>();
            owned.forEach(a -> credentials.findMembers(a.id).forEach(m ->
                    members.add(new MemberView(a.id, m.email, m.firstName, m.lastName, m.status.name(), m.createdAt))));
            List<SessionView> sessionViews = new ArrayList<>();
            List<HistoryEntry> history = new ArrayList<>();
            for (Credential login : logins) {
                sessions.list("credentialId", login.id).forEach(x -> sessionViews.add(
                        new SessionView(login.id, x.createdAt, x.expiresAt, x.revokedAt, x.revokedReason)));
                attempts.list("credentialId = ?1 ORDER BY occurredAt", login.id).forEach(a -> history.add(new HistoryEntry(
                        login.id, a.occurredAt, a.ip, a.userAgent, a.outcome.name(), a.purpose.name(), a.newLocation)));
            }
            data.put(LOGIN_DETAILS, new LoginDetails(logins.stream().map(l -> new LoginView(l.id, l.kind.name(), l.accountId,
                    l.email, l.firstName, l.lastName, l.status.name(), l.createdAt)).toList(), members, sessionViews,
                    "kept as an argon2id hash, which cannot be turned back into the password; not shown"));
            outcomes.add(new CategoryOutcome(LOGIN_DETAILS, Outcome.EXPORTED, logins.size() + members.size() + sessionViews.size()));
            List<ObjectionView> recorded = objections.forSubject(subject.subjectId()).stream()
                    .map(o -> new ObjectionView(o.processing, o.upheld, o.recordedAt)).toList();
            data.put(LOGIN_HISTORY, new LoginHistory(history, recorded));
            outcomes.add(new CategoryOutcome(LOGIN_HISTORY, Outcome.EXPORTED, history.size()));
        }
        List<NewsletterView> newsletters = new ArrayList<>();
        List<StaffAccessView> access = new ArrayList<>();
        for (Account account : owned) {
            List<NewsletterConsent> proof = consents.history(account.id);
            if (!proof.isEmpty()) {
                newsletters.add(new NewsletterView(account.id, account.newsletterSubscribed, proof.stream()
                        .map(p -> new ConsentView(p.subscribed, p.changedAt, p.method.name(), p.privacyNoticeVersion)).toList()));
            }
            accessLog.list("accountId = ?1 ORDER BY occurredAt", account.id).forEach(a ->
                    access.add(new StaffAccessView(account.id, a.action.name(), a.reason, a.occurredAt)));
        }
        put(data, outcomes, NEWSLETTER, newsletters);
        put(data, outcomes, STAFF_ACCESS, access);
        put(data, outcomes, APPLICATIONS, applications(subject).stream().map(a -> applicationView(a, withAttachments)).toList());
        return new Export(data, outcomes);
    }

    private static void put(Map<String, Object> data, List<CategoryOutcome> outcomes, String category, List<?> records) {
        if (!records.isEmpty()) {
            data.put(category, records);
            outcomes.add(new CategoryOutcome(category, Outcome.EXPORTED, records.size()));
        }
    }

    // --- erasure (art. 17) -------------------------------------------------------------------------

    /**
     * Per account: anonymised to a shell, its logins (owner and members) deleted with their sessions,
     * tokens and history - unless a legal hold keeps it. Proof of a withdrawn newsletter consent stays
     * two years. A member login of someone else's account goes on its own; a staff login stays while
     * the person works here. Job applications go with their CV, per record unless held.
     */
    @Override
    public Erasure erase(Subject subject, LegalHolds holds, Instant now) {
        Tally tally = new Tally();
        List<Withheld> withheld = new ArrayList<>();
        List<Account> owned = accounts(subject);
        Set<UUID> handledLogins = new java.util.HashSet<>();
        Set<String> addresses = new LinkedHashSet<>();

        for (Account account : owned) {
            List<Credential> accountLogins = credentials.findByAccount(account.id);
            accountLogins.forEach(l -> handledLogins.add(l.id));
            Optional<LegalHolds.Hold> hold = holds.applying(subject, NAME_ADDRESS);
            if (hold.isPresent()) {
                withheld.add(held(NAME_ADDRESS, "account " + account.id, hold.get()));
                continue;
            }
            if (account.erasedAt == null) {
                eraseAccount(account, now, tally);
            }
            for (Credential login : accountLogins) {
                addresses.add(login.email);
                deleteLogin(login, tally);
            }
            withheld.addAll(consentProofKept(account));
        }
        for (UUID loginId : subject.loginIds()) {
            Credential login = handledLogins.add(loginId) ? credentials.findById(loginId) : null;
            if (login == null) {
                continue;
            }
            if (login.kind == Credential.Kind.STAFF) {
                withheld.add(new Withheld(LOGIN_DETAILS, "staff login " + login.id,
                        "needed for your work here; an admin removes it when your employment ends",
                        "art. 6(1)(b) GDPR (employment contract)", null, null));
            } else if (login.kind == Credential.Kind.MEMBER) {
                Optional<LegalHolds.Hold> hold = holds.applying(subject, LOGIN_DETAILS);
                if (hold.isPresent()) {
                    withheld.add(held(LOGIN_DETAILS, "login " + login.id, hold.get()));
                } else {
                    addresses.add(login.email);
                    deleteLogin(login, tally);
                }
            }
        }
        List<JobApplication> applied = applications(subject);
        for (JobApplication application : applied) {
            Optional<LegalHolds.Hold> hold = holds.applying(subject, APPLICATIONS);
            if (hold.isPresent()) {
                withheld.add(held(APPLICATIONS, "application of "
                        + application.submittedAt.atOffset(ZoneOffset.UTC).toLocalDate(), hold.get()));
            } else {
                addresses.add(application.email);
                cvs.deleteById(application.id);
                applications.delete(application);
                tally.add(APPLICATIONS, Outcome.ERASED, 1);
            }
        }
        for (String address : addresses) {
            // failed logins under the address, and mail still waiting to go to it
            tally.add(LOGIN_HISTORY, Outcome.ERASED, attempts.delete("emailHash", emailHashes.of(address)));
            mail.discardFor(address);
        }
        tally.add(LOGIN_HISTORY, Outcome.ERASED, objections.deleteForSubject(subject.subjectId()));
        return new Erasure(tally.outcomes(), withheld, List.of());
    }

    /**
     * Closes the account if it is open (announced as account.closed), stops the newsletter (its proof
     * stays) and empties the account down to a shell.
     */
    private void eraseAccount(Account account, Instant now, Tally tally) {
        if (account.newsletterSubscribed) {
            newsletter.change(account, false, NewsletterConsent.Method.ERASURE, null);
        }
        tally.add(COMPANY, Outcome.ANONYMISED, account.hasCompany() ? 1 : 0);
        tally.add(PHONE, Outcome.ANONYMISED, account.phone != null ? 1 : 0);
        tally.add(STAFF_ACCESS, Outcome.ERASED, accessLog.delete("accountId", account.id));
        clearNameAndAddress(account);
        account.phone = null;
        clearCompany(account);
        account.restrictedAt = null;
        if (account.status != Account.Status.CLOSED) {
            account.status = Account.Status.CLOSED;
            account.closedAt = now;
            events.accountClosed(new IdentityEvents.AccountClosed(account.id, now));
        }
        account.erasedAt = now;
        account.updatedAt = now;
        tally.add(NAME_ADDRESS, Outcome.ANONYMISED, 1);
    }

    /** Ends the login's sessions everywhere, then deletes it with its tokens and history. */
    private void deleteLogin(Credential login, Tally tally) {
        sessionControl.endAll(login.id, null, "erased");
        tally.add(LOGIN_HISTORY, Outcome.ERASED, attempts.delete("credentialId", login.id));
        oneTimeTokens.delete("credentialId", login.id);
        sessions.delete("credentialId", login.id);
        credentials.delete(login);
        tally.add(EMAIL, Outcome.ERASED, 1);
        tally.add(LOGIN_DETAILS, Outcome.ERASED, 1);
    }

    /** Consent proof stays, per record, until two years after the last withdrawal. */
    private List<Withheld> consentProofKept(Account account) {
        List<NewsletterConsent> proof = consents.history(account.id);
        Instant lastWithdrawal = proof.stream().filter(p -> !p.subscribed).map(p -> p.changedAt).reduce((a, b) -> b).orElse(null);
        if (lastWithdrawal == null) {
            return List.of();
        }
        Instant until = lastWithdrawal.atOffset(ZoneOffset.UTC).plus(CONSENT_PROOF_KEPT).toInstant();
        return proof.stream().map(p -> new Withheld(NEWSLETTER, (p.subscribed ? "opt-in" : "opt-out") + " of "
                        + p.changedAt.atOffset(ZoneOffset.UTC).toLocalDate(),
                "art. 17(3)(e) GDPR: proof of a withdrawn consent, for the defence of legal claims",
                "art. 7(1) GDPR", until, null)).toList();
    }

    // --- restriction (art. 18) ---------------------------------------------------------------------

    @Override
    public List<CategoryOutcome> restrict(Subject subject, boolean restricted) {
        Instant now = Timestamps.now();
        Outcome outcome = restricted ? Outcome.RESTRICTED : Outcome.RESTRICTION_LIFTED;
        Tally tally = new Tally();
        for (Account account : accounts(subject)) {
            if (account.erasedAt == null) {
                account.restrictedAt = restricted ? now : null;
                account.updatedAt = now;
                for (String category : List.of(NAME_ADDRESS, EMAIL, NEWSLETTER)) {
                    tally.add(category, outcome, 1);
                }
            }
        }
        List<JobApplication> applied = applications(subject);
        applied.forEach(a -> a.restrictedAt = restricted ? now : null);
        tally.add(APPLICATIONS, outcome, applied.size());
        return tally.outcomes();
    }

    // --- rectification (art. 16) -------------------------------------------------------------------

    /** Corrections go to the person's newest account that was not erased (its owner's profile). */
    @Override
    public Rectification rectify(Subject subject, Map<String, String> corrections) {
        Optional<Credential> owner = accounts(subject).stream().filter(a -> a.erasedAt == null)
                .max(java.util.Comparator.comparing((Account a) -> a.createdAt))
                .flatMap(a -> credentials.findOwner(a.id));
        if (owner.isEmpty() || corrections.isEmpty()) {
            return Rectification.NOTHING;
        }
        List<String> changed = accountService.applyCorrections(owner.get().id, corrections);
        return new Rectification(changed, List.of(), changed.isEmpty() ? List.of()
                : List.of(new CategoryOutcome(NAME_ADDRESS, Outcome.RECTIFIED, changed.size())));
    }

    // --- objection (art. 21) -----------------------------------------------------------------------

    @Override
    public List<CategoryOutcome> object(Subject subject, String processing, Boolean upheld) {
        Tally tally = new Tally();
        if (PrivacyCommand.DIRECT_MARKETING.equals(processing) || NEWSLETTER.equals(processing)) {
            // direct marketing: the objection is absolute and takes effect at once
            for (Account account : accounts(subject)) {
                if (newsletter.change(account, false, NewsletterConsent.Method.OBJECTION, null)) {
                    tally.add(NEWSLETTER, Outcome.STOPPED, 1);
                }
            }
            return tally.outcomes();
        }
        ProcessingObjection objection = new ProcessingObjection();
        objection.id = UUID.randomUUID();
        objection.subjectId = subject.subjectId();
        objection.processing = processing;
        objection.upheld = Boolean.TRUE.equals(upheld);
        objection.recordedAt = Timestamps.now();
        objections.persist(objection);
        tally.add(processing, Outcome.RECORDED, 1);
        if (objection.upheld && LOGIN_HISTORY.equals(processing)) {
            // upheld: the security history held about the person's logins goes
            for (Credential login : logins(subject, accounts(subject))) {
                tally.add(LOGIN_HISTORY, Outcome.ERASED, attempts.delete("credentialId", login.id));
            }
        }
        return tally.outcomes();
    }

    // --- purge (retention-service) -------------------------------------------------------------------

    @Override
    public Set<String> purgeable() {
        return Set.of(LOGIN_HISTORY, APPLICATIONS, NAME_ADDRESS, COMPANY, EMAIL, PHONE, LOGIN_DETAILS, STAFF_ACCESS,
                NEWSLETTER);
    }

    /** The logins carry the address; they go with their sessions, tokens and login history. */
    @Override
    public Set<String> purgeTouches(String category) {
        return EMAIL.equals(category) || LOGIN_DETAILS.equals(category) ? Set.of(EMAIL, LOGIN_DETAILS, LOGIN_HISTORY)
                : Set.of(category);
    }

    /**
     * Login history goes by the rolling rule (attempts older than the cut-off, 90 days). The others
     * go when their clock falls due: a job application 28 days after the rejection (a year with
     * consent), and only if it is still rejected; a closed account's categories after its grace
     * period, and only if it is still closed (one re-opened meanwhile keeps everything); the proof of
     * a newsletter consent two years after it was withdrawn, unless the person subscribed again.
     */
    @Override
    public long purge(Purge purge, int limit) {
        if (purge.byCutoff()) {
            return LOGIN_HISTORY.equals(purge.category()) ? attempts.deleteBatchOlderThan(purge.cutoff(), purge.kept(), limit) : 0;
        }
        if (APPLICATIONS.equals(purge.category())) {
            return applications.deleteRejected(purge.subject().applicationIds());
        }
        long purged = 0;
        for (Account account : accounts(purge.subject())) {
            if (NEWSLETTER.equals(purge.category())) {
                purged += consentProofDue(account) ? consents.delete("accountId", account.id) : 0;
            } else if (account.status == Account.Status.CLOSED) {
                purged += purgeClosed(account, purge.category());
            }
        }
        return purged;
    }

    /**
     * The proof of a consent goes two years after its last withdrawal, and not while the person is
     * subscribed: a purge that arrives after they subscribed and withdrew again keeps the proof.
     */
    private boolean consentProofDue(Account account) {
        if (account.newsletterSubscribed) {
            return false;
        }
        Instant lastWithdrawal = consents.history(account.id).stream().filter(p -> !p.subscribed).map(p -> p.changedAt)
                .reduce((a, b) -> b).orElse(null);
        return lastWithdrawal == null
                || !lastWithdrawal.atOffset(ZoneOffset.UTC).plus(CONSENT_PROOF_KEPT).toInstant().isAfter(Timestamps.now());
    }

    private static void clearNameAndAddress(Account account) {
        account.firstName = null;
        account.lastName = null;
        account.street = null;
        account.postalCode = null;
        account.city = null;
        account.country = null;
    }

    private static void clearCompany(Account account) {
        account.companyName = null;
        account.companyStreet = null;
        account.companyPostalCode = null;
        account.companyCity = null;
        account.companyCountry = null;
        account.companyVatId = null;
        account.companyKvkNumber = null;
    }

    /** One category of a closed account whose grace period is over; how many records went. */
    private long purgeClosed(Account account, String category) {
        Instant now = Timestamps.now();
        switch (category) {
            case NAME_ADDRESS -> {
                if (account.firstName == null && account.street == null) {
                    return 0;
                }
                clearNameAndAddress(account);
                // only a shell is left (its id, when it was created and closed): it cannot be re-opened
                account.erasedAt = account.erasedAt == null ? now : account.erasedAt;
                account.updatedAt = now;
                return 1;
            }
            case COMPANY -> {
                if (!account.hasCompany()) {
                    return 0;
                }
                clearCompany(account);
                account.updatedAt = now;
                return 1;
            }
            case PHONE -> {
                if (account.phone == null) {
                    return 0;
                }
                account.phone = null;
                account.updatedAt = now;
                return 1;
            }
            case EMAIL, LOGIN_DETAILS -> {
                // the address lives on the login: the two categories go together, whichever falls due first
                Tally tally = new Tally();
                credentials.findByAccount(account.id).forEach(login -> deleteLogin(login, tally));
                return tally.count(category);
            }
            case STAFF_ACCESS -> {
                return accessLog.delete("accountId", account.id);
            }
            default -> {
                return 0;
            }
        }
    }

    // --- finding the person ------------------------------------------------------------------------

    private List<Account> accounts(Subject subject) {
        return subject.accountIds().isEmpty() ? List.of() : accounts.list("id IN ?1 ORDER BY createdAt", subject.accountIds());
    }

    /** The owners of the person's accounts and the logins named in the subject. */
    private List<Credential> logins(Subject subject, List<Account> owned) {
        List<Credential> found = new ArrayList<>();
        owned.forEach(a -> credentials.findOwner(a.id).ifPresent(found::add));
        for (UUID loginId : subject.loginIds()) {
            Credential login = credentials.findById(loginId);
            if (login != null && !found.contains(login)) {
                found.add(login);
            }
        }
        return found;
    }

    private List<JobApplication> applications(Subject subject) {
        return subject.applicationIds().isEmpty() ? List.of() : applications.list("id IN ?1", subject.applicationIds());
    }

    private ApplicationView applicationView(JobApplication a, boolean withCv) {
        JobApplicationCv cv = withCv ? cvs.findById(a.id) : null;
        return new ApplicationView(a.id, a.firstName, a.lastName, a.email, a.vacancy, a.motivation, a.portfolioUrl,
                a.keepOnFileConsent, a.status.name(), a.submittedAt, a.decidedAt, a.retainUntil,
                cv == null ? null : new Attachment(a.cvFileName, "application/pdf", Base64.getEncoder().encodeToString(cv.content)));
    }

    private static Withheld held(String category, String record, LegalHolds.Hold hold) {
        return new Withheld(category, record, "a legal hold", null, null, hold.reference());
    }

    /** Counts per category and outcome, in the order first seen; categories with nothing are left out. */
    private static final class Tally {
        private final Map<String, CategoryOutcome> counts = new LinkedHashMap<>();

        void add(String category, Outcome outcome, long count) {
            if (count > 0) {
                counts.merge(category + "/" + outcome, new CategoryOutcome(category, outcome, count),
                        (a, b) -> new CategoryOutcome(category, outcome, a.count() + b.count()));
            }
        }

        List<CategoryOutcome> outcomes() {
            return List.copyOf(counts.values());
        }

        long count(String category) {
            return counts.values().stream().filter(c -> c.category().equals(category)).mapToLong(CategoryOutcome::count).sum();
        }
    }

    // --- what an export holds ----------------------------------------------------------------------

    record NameAndAddress(UUID accountId, String firstName, String lastName, PostalAddress address,
                          String accountStatus, Instant createdAt, Instant closedAt, Instant restrictedSince) {
    }

    record CompanyView(UUID accountId, Company company) {
    }

    record PhoneView(UUID accountId, String phone) {
    }

    record EmailView(String email, boolean confirmed) {
    }

    record LoginView(UUID id, String role, UUID accountId, String email, String firstName, String lastName, String status,
                     Instant createdAt) {
    }

    record MemberView(UUID accountId, String email, String firstName, String lastName, String status, Instant invitedAt) {
    }

    record SessionView(UUID loginId, Instant createdAt, Instant expiresAt, Instant endedAt, String endReason) {
    }

    record LoginDetails(List<LoginView> logins, List<MemberView> members, List<SessionView> sessions, String password) {
    }

    record HistoryEntry(UUID loginId, Instant occurredAt, String ip, String userAgent, String outcome, String purpose,
                        boolean newLocation) {
    }

    record ObjectionView(String processing, boolean upheld, Instant recordedAt) {
    }

    record LoginHistory(List<HistoryEntry> attempts, List<ObjectionView> objections) {
    }

    record ConsentView(boolean subscribed, Instant changedAt, String method, String privacyNoticeVersion) {
    }

    record NewsletterView(UUID accountId, boolean subscribed, List<ConsentView> proof) {
    }

    record StaffAccessView(UUID accountId, String action, String reason, Instant occurredAt) {
    }

    record Attachment(String fileName, String mediaType, String base64) {
    }

    record ApplicationView(UUID id, String firstName, String lastName, String email, String vacancy, String motivation,
                           String portfolioUrl, boolean keepOnFileConsent, String status, Instant submittedAt,
                           Instant decidedAt, Instant retainUntil, Attachment cv) {
    }
}
