package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.Company;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.LoginProfile;
import io.cloudpro.identity.domain.NewsletterConsent;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.domain.PostalAddress;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.identity.security.EmailHashes;
import io.cloudpro.identity.security.Networks;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.platform.validation.DutchFormats;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Registration, e-mail verification, the customer's own profile, password and e-mail changes,
 * closing. Password hashes are computed before any transaction opens; passwords given to confirm a
 * change go through the login throttle ({@link PasswordChecks}).
 */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final CredentialRepository credentials;
    private final LoginAttemptRepository attempts;
    private final EmailHashes emailHashes;
    private final PasswordHasher hasher;
    private final PasswordChecks passwordChecks;
    private final OneTimeTokens oneTimeTokens;
    private final NewsletterService newsletter;
    private final UnconfirmedRegistrations unconfirmed;
    private final Sessions sessions;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;

    AccountService(AccountRepository accounts, CredentialRepository credentials, LoginAttemptRepository attempts,
                   EmailHashes emailHashes, PasswordHasher hasher, PasswordChecks passwordChecks,
                   OneTimeTokens oneTimeTokens, NewsletterService newsletter, UnconfirmedRegistrations unconfirmed,
                   Sessions sessions, IdentityEvents events, MailOutbox mail, MailTemplates templates) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.attempts = attempts;
        this.emailHashes = emailHashes;
        this.hasher = hasher;
        this.passwordChecks = passwordChecks;
        this.oneTimeTokens = oneTimeTokens;
        this.newsletter = newsletter;
        this.unconfirmed = unconfirmed;
        this.sessions = sessions;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
    }

    /** What a new customer gives. */
    public record Registration(String firstName, String lastName, PostalAddress address, String email, String password,
                               String phone, Company company, boolean newsletter, String privacyNoticeVersion) {
    }

    /**
     * One field of a merge patch: {@code null} when the patch leaves the field alone, else the new
     * value (which may itself be null: remove an optional field).
     */
    public record Change<T>(T value) {
    }

    /** A merge patch of the profile. */
    public record ProfileChanges(Change<String> firstName, Change<String> lastName, Change<PostalAddress> address,
                                 Change<String> phone, Change<Company> company) {
    }

    /** Creates the account and its owner's login, and mails a link to verify the address. */
    public LoginProfile register(Registration registration, ClientInfo client) {
        String email = Emails.normalise(registration.email());
        String passwordHash = hasher.hash(registration.password());
        return QuarkusTransaction.requiringNew().call(() -> {
            unconfirmed.freeAddressIfExpired(email);
            requireFreeEmail(email);
            Instant now = Timestamps.now();
            Account account = new Account();
            account.id = UUID.randomUUID();
            account.firstName = registration.firstName().trim();
            account.lastName = registration.lastName().trim();
            setAddress(account, registration.address());
            account.phone = registration.phone();
            setCompany(account, registration.company());
            account.status = Account.Status.ACTIVE;
            account.createdAt = now;
            account.updatedAt = now;
            accounts.persist(account);

            Credential owner = new Credential();
            owner.id = account.id;
            owner.kind = Credential.Kind.OWNER;
            owner.accountId = account.id;
            owner.email = email;
            owner.passwordHash = passwordHash;
            owner.status = Credential.Status.ACTIVE;
            owner.createdAt = now;
            owner.updatedAt = now;
            credentials.persist(owner);

            // Where the account was created from counts as a known location for its first logins.
            LoginAttempt registered = new LoginAttempt();
            registered.id = UUID.randomUUID();
            registered.occurredAt = now;
            registered.emailHash = emailHashes.of(email);
            registered.credentialId = owner.id;
            registered.ip = client.ip();
            registered.throttleKey = client.throttleKey();
            registered.network = Networks.of(client.ip());
            registered.userAgent = client.userAgent();
            registered.outcome = LoginAttempt.Outcome.REGISTERED;
            attempts.persist(registered);

            mail.send(templates.verifyEmail(email, oneTimeTokens.issue(OneTimeToken.Purpose.VERIFY_EMAIL, owner.id, null)));
            events.accountRegistered(new IdentityEvents.AccountRegistered(account.id, now, account.hasCompany(),
                    registration.newsletter()));
            if (registration.newsletter()) {
                newsletter.change(account, true, NewsletterConsent.Method.REGISTRATION, registration.privacyNoticeVersion());
            }
            return new LoginProfile(owner, account);
        });
    }

    /** Confirms an address: the one registered with, or the new one a customer asked to change to. */
    @Transactional
    public void verifyEmail(String token) {
        OneTimeToken row = oneTimeTokens.redeem(token,
                Set.of(OneTimeToken.Purpose.VERIFY_EMAIL, OneTimeToken.Purpose.CHANGE_EMAIL));
        Credential login = credentials.findById(row.credentialId);
        if (login.status == Credential.Status.CLOSED || login.status == Credential.Status.REVOKED) {
            throw new ProblemException(IdentityProblems.INVALID_TOKEN, "This login has ended.");
        }
        Instant now = Timestamps.now();
        if (row.purpose == OneTimeToken.Purpose.CHANGE_EMAIL) {
            requireFreeEmail(row.newEmail);
            login.email = row.newEmail;
            if (login.accountId != null) {
                events.accountUpdated(new IdentityEvents.AccountUpdated(login.accountId, List.of("email"), now));
            }
        }
        login.emailVerified = true;
        login.updatedAt = now;
    }

    /** Mails a new verification link if the address belongs to an unverified login; silent otherwise. */
    @Transactional
    public void resendVerification(String email) {
        credentials.findLiveByEmail(Emails.normalise(email))
                .filter(login -> !login.emailVerified && login.kind == Credential.Kind.OWNER)
                .ifPresent(login -> mail.send(templates.verifyEmail(login.email,
                        oneTimeTokens.issue(OneTimeToken.Purpose.VERIFY_EMAIL, login.id, null))));
    }

    /**
     * The caller's login and the account it acts for: one query, outside any transaction (a plain
     * read needs none, and this is the hottest read of the service).
     */
    public LoginProfile profile(Caller caller) {
        LoginProfile profile = accounts.profile(caller.loginId());
        if (profile == null) {
            throw ProblemException.notFound("Account");
        }
        return profile;
    }

    /** Applies a merge patch to the caller's profile and reports which fields changed. */
    @Transactional
    public List<String> patch(Caller caller, ProfileChanges patch) {
        Credential login = credentials.findById(caller.loginId());
        List<String> changed = new ArrayList<>();
        if (login.kind == Credential.Kind.MEMBER) {
            if (patch.address() != null || patch.phone() != null || patch.company() != null) {
                throw new ProblemException(IdentityProblems.OWNER_ONLY,
                        "A member can change their own name only; the account's details belong to its owner.");
            }
            login.firstName = changedValue(changed, "firstName", patch.firstName(), login.firstName);
            login.lastName = changedValue(changed, "lastName", patch.lastName(), login.lastName);
            login.updatedAt = Timestamps.now();
            return changed;
        }
        Account account = accounts.findById(login.accountId);
        account.firstName = changedValue(changed, "firstName", patch.firstName(), account.firstName);
        account.lastName = changedValue(changed, "lastName", patch.lastName(), account.lastName);
        if (patch.address() != null) {
            if (patch.address().value() == null) {
                throw ProblemException.invalidField("address", "must not be null");
            }
            changed.addAll(changedFields("address", addressOf(account), patch.address().value()));
            setAddress(account, patch.address().value());
        }
        if (patch.phone() != null && !Objects.equals(account.phone, patch.phone().value())) {
            account.phone = patch.phone().value();
            changed.add("phone");
        }
        if (patch.company() != null) {
            Company before = companyOf(account);
            Company after = patch.company().value();
            if (before == null || after == null) {
                if (before != after) {
                    changed.add("company");
                }
            } else {
                if (!before.name().equals(after.name().trim())) {
                    changed.add("company.name");
                }
                changed.addAll(changedFields("company.address", before.address(), after.address()));
                if (!Objects.equals(before.vatId(), after.vatId())) {
                    changed.add("company.vatId");
                }
                if (!Objects.equals(before.kvkNumber(), after.kvkNumber())) {
                    changed.add("company.kvkNumber");
                }
            }
            setCompany(account, after);
        }
        if (!changed.isEmpty()) {
            account.updatedAt = Timestamps.now();
            events.accountUpdated(new IdentityEvents.AccountUpdated(account.id, List.copyOf(changed), account.updatedAt));
        }
        return changed;
    }

    /**
     * Applies corrections the privacy officer decided on (GDPR art. 16), as a merge patch of the
     * owner's profile: field names as in the profile ({@code lastName}, {@code address.postalCode},
     * {@code company.vatId}, {@code phone} - empty removes it). Returns the fields that changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> applyCorrections(UUID ownerLoginId, Map<String, String> corrections) {
        Credential owner = credentials.findById(ownerLoginId);
        Account account = accounts.findById(owner.accountId);
        PostalAddress address = addressOf(account);
        PostalAddress correctedAddress = new PostalAddress(
                corrections.getOrDefault("address.street", address.street()),
                corrections.getOrDefault("address.postalCode", address.postalCode()),
                corrections.getOrDefault("address.city", address.city()),
                corrections.getOrDefault("address.country", address.country()));
        Company company = companyOf(account);
        Company correctedCompany = company == null ? null : new Company(
                corrections.getOrDefault("company.name", company.name()),
                new PostalAddress(corrections.getOrDefault("company.address.street", company.address().street()),
                        corrections.getOrDefault("company.address.postalCode", company.address().postalCode()),
                        corrections.getOrDefault("company.address.city", company.address().city()),
                        corrections.getOrDefault("company.address.country", company.address().country())),
                corrections.getOrDefault("company.vatId", company.vatId()),
                corrections.getOrDefault("company.kvkNumber", company.kvkNumber()));
        boolean addressNamed = corrections.keySet().stream().anyMatch(k -> k.startsWith("address."));
        boolean companyNamed = corrections.keySet().stream().anyMatch(k -> k.startsWith("company."));
        String phone = corrections.get("phone");
        ProfileChanges changes = new ProfileChanges(
                corrections.containsKey("firstName") ? new Change<>(corrections.get("firstName")) : null,
                corrections.containsKey("lastName") ? new Change<>(corrections.get("lastName")) : null,
                addressNamed ? new Change<>(correctedAddress) : null,
                corrections.containsKey("phone") ? new Change<>(phone == null || phone.isBlank() ? null : phone) : null,
                companyNamed && company != null ? new Change<>(correctedCompany) : null);
        return patch(new Caller(owner.id, Credential.Kind.OWNER, account.id, null, Set.of()), changes);
    }

    /** Changes the caller's password, confirmed with the current one; every other session of the login ends. */
    public void changePassword(Caller caller, ClientInfo client, String currentPassword, String newPassword) {
        confirmPassword(caller, client, currentPassword);
        String hash = hasher.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            Credential login = credentials.findById(caller.loginId());
            login.passwordHash = hash;
            login.updatedAt = Timestamps.now();
            sessions.endAll(login.id, caller.sessionId(), "password-changed");
        });
    }

    /** Mails a confirmation link to the new address; the change happens when it is followed. */
    public void requestEmailChange(Caller caller, ClientInfo client, String newEmail, String password) {
        confirmPassword(caller, client, password);
        QuarkusTransaction.requiringNew().run(() -> {
            Credential login = credentials.findById(caller.loginId());
            String address = Emails.normalise(newEmail);
            requireFreeEmail(address);
            mail.send(templates.confirmNewEmail(address,
                    oneTimeTokens.issue(OneTimeToken.Purpose.CHANGE_EMAIL, login.id, address)));
            mail.send(templates.emailChangeRequested(login.email));
        });
    }

    /**
     * Closes the caller's account: nobody can log in any more, every session ends, the newsletter
     * stops, and {@code account.closed} tells the other services. The data itself goes when its
     * retention period ends.
     */
    public void close(Caller caller, ClientInfo client, String password) {
        if (!caller.isOwner()) {
            throw new ProblemException(IdentityProblems.OWNER_ONLY, "Only the account owner can close the account.");
        }
        confirmPassword(caller, client, password);
        QuarkusTransaction.requiringNew().run(() -> {
            Credential owner = credentials.findById(caller.loginId());
            Instant now = Timestamps.now();
            Account account = accounts.findById(owner.accountId);
            if (account.newsletterSubscribed) {
                newsletter.change(account, false, NewsletterConsent.Method.ACCOUNT_CLOSED, null);
            }
            account.status = Account.Status.CLOSED;
            account.closedAt = now;
            account.updatedAt = now;
            for (Credential login : credentials.findByAccount(account.id)) {
                login.status = Credential.Status.CLOSED;
                login.updatedAt = now;
                sessions.endAll(login.id, null, "account-closed");
            }
            mail.send(templates.accountClosed(owner.email));
            events.accountClosed(new IdentityEvents.AccountClosed(account.id, now));
        });
    }

    /** A password given to confirm a change: throttled like a login, 403 when it is wrong. */
    private void confirmPassword(Caller caller, ClientInfo client, String password) {
        String email = QuarkusTransaction.requiringNew().call(() -> credentials.findById(caller.loginId()).email);
        PasswordChecks.Checked checked = passwordChecks.check(email, password, client, LoginAttempt.Purpose.CONFIRMATION);
        if (!checked.matches() || checked.login() == null || !checked.login().id.equals(caller.loginId())) {
            passwordChecks.failed(checked);
            throw new ProblemException(IdentityProblems.WRONG_PASSWORD, "The password you gave is not right.");
        }
        passwordChecks.succeeded(checked);
    }

    void requireFreeEmail(String email) {
        if (credentials.findLiveByEmail(email).isPresent()) {
            throw new ProblemException(IdentityProblems.EMAIL_TAKEN, "This e-mail address already has a login.");
        }
    }

    public static PostalAddress addressOf(Account a) {
        return new PostalAddress(a.street, a.postalCode, a.city, a.country);
    }

    public static Company companyOf(Account a) {
        if (!a.hasCompany()) {
            return null;
        }
        return new Company(a.companyName, new PostalAddress(a.companyStreet, a.companyPostalCode, a.companyCity,
                a.companyCountry), a.companyVatId, a.companyKvkNumber);
    }

    private static void setAddress(Account account, PostalAddress address) {
        account.street = address.street().trim();
        account.postalCode = DutchFormats.normalisePostalCode(address.country(), address.postalCode());
        account.city = address.city().trim();
        account.country = address.country();
    }

    private static void setCompany(Account account, Company company) {
        account.companyName = company == null ? null : company.name().trim();
        account.companyStreet = company == null ? null : company.address().street().trim();
        account.companyPostalCode = company == null ? null
                : DutchFormats.normalisePostalCode(company.address().country(), company.address().postalCode());
        account.companyCity = company == null ? null : company.address().city().trim();
        account.companyCountry = company == null ? null : company.address().country();
        account.companyVatId = company == null ? null : company.vatId();
        account.companyKvkNumber = company == null ? null : company.kvkNumber();
    }

    private static String changedValue(List<String> changed, String field, Change<String> change, String before) {
        if (change == null) {
            return before;
        }
        String after = change.value();
        if (after == null || after.isBlank()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        if (!after.trim().equals(before)) {
            changed.add(field);
        }
        return after.trim();
    }

    private static List<String> changedFields(String prefix, PostalAddress before, PostalAddress after) {
        List<String> changed = new ArrayList<>();
        if (!before.street().equals(after.street().trim())) {
            changed.add(prefix + ".street");
        }
        if (!before.postalCode().equals(DutchFormats.normalisePostalCode(after.country(), after.postalCode()))) {
            changed.add(prefix + ".postalCode");
        }
        if (!before.city().equals(after.city().trim())) {
            changed.add(prefix + ".city");
        }
        if (!before.country().equals(after.country())) {
            changed.add(prefix + ".country");
        }
        return changed;
    }
}
