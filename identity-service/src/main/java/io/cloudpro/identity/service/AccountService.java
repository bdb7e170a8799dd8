package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.DutchFormats;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.NewsletterConsent;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.mail.MailOutbox;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.identity.rest.AccountDtos;
import io.cloudpro.identity.security.Networks;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Registration, e-mail verification, the customer's own profile, password and e-mail changes, closing. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final CredentialRepository credentials;
    private final LoginAttemptRepository attempts;
    private final PasswordHasher hasher;
    private final OneTimeTokens oneTimeTokens;
    private final NewsletterService newsletter;
    private final Sessions sessions;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;

    AccountService(AccountRepository accounts, CredentialRepository credentials, LoginAttemptRepository attempts,
                   PasswordHasher hasher, OneTimeTokens oneTimeTokens, NewsletterService newsletter, Sessions sessions,
                   IdentityEvents events, MailOutbox mail, MailTemplates templates) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.attempts = attempts;
        this.hasher = hasher;
        this.oneTimeTokens = oneTimeTokens;
        this.newsletter = newsletter;
        this.sessions = sessions;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
    }

    /** Creates the account and its owner's login, and mails a link to verify the address. */
    @Transactional
    public Account register(AccountDtos.RegisterRequest request, ClientInfo client) {
        String email = Emails.normalise(request.email());
        requireFreeEmail(email);
        Instant now = Timestamps.now();
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.firstName = request.firstName().trim();
        account.lastName = request.lastName().trim();
        setAddress(account, request.address());
        account.phone = request.phone();
        setCompany(account, request.company());
        account.status = Account.Status.ACTIVE;
        account.createdAt = now;
        account.updatedAt = now;
        accounts.persist(account);

        Credential owner = new Credential();
        owner.id = account.id;
        owner.kind = Credential.Kind.OWNER;
        owner.accountId = account.id;
        owner.email = email;
        owner.passwordHash = hasher.hash(request.password());
        owner.status = Credential.Status.ACTIVE;
        owner.createdAt = now;
        owner.updatedAt = now;
        credentials.persist(owner);

        // Where the account was created from counts as a known location for its first logins.
        LoginAttempt registered = new LoginAttempt();
        registered.id = UUID.randomUUID();
        registered.occurredAt = now;
        registered.emailHash = Emails.hash(email);
        registered.credentialId = owner.id;
        registered.ip = client.ip();
        registered.network = Networks.of(client.ip());
        registered.userAgent = client.userAgent();
        registered.outcome = LoginAttempt.Outcome.REGISTERED;
        attempts.persist(registered);

        mail.send(templates.verifyEmail(email, oneTimeTokens.issue(OneTimeToken.Purpose.VERIFY_EMAIL, owner.id, null)));
        events.accountRegistered(new IdentityEvents.AccountRegistered(account.id, now, account.hasCompany(),
                request.newsletter()));
        if (request.newsletter()) {
            newsletter.change(account, true, NewsletterConsent.Method.REGISTRATION, request.privacyNoticeVersion());
        }
        return account;
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

    public Account account(UUID accountId) {
        return accounts.findById(accountId);
    }

    /** Applies a merge patch to the caller's profile and reports which fields changed. */
    @Transactional
    public List<String> patch(Credential caller, AccountDtos.ProfilePatch patch) {
        Credential login = credentials.findById(caller.id);
        List<String> changed = new ArrayList<>();
        if (login.kind == Credential.Kind.MEMBER) {
            if (patch.has("address") || patch.has("phone") || patch.has("company")) {
                throw new ProblemException(IdentityProblems.OWNER_ONLY,
                        "A member can change their own name only; the account's details belong to its owner.");
            }
            login.firstName = changedValue(changed, "firstName", patch, login.firstName, patch.firstName);
            login.lastName = changedValue(changed, "lastName", patch, login.lastName, patch.lastName);
            login.updatedAt = Timestamps.now();
            return changed;
        }
        Account account = accounts.findById(login.accountId);
        account.firstName = changedValue(changed, "firstName", patch, account.firstName, patch.firstName);
        account.lastName = changedValue(changed, "lastName", patch, account.lastName, patch.lastName);
        if (patch.has("address")) {
            if (patch.address == null) {
                throw ProblemException.invalidField("address", "must not be null");
            }
            changed.addAll(changedFields("address", addressOf(account), patch.address));
            setAddress(account, patch.address);
        }
        if (patch.has("phone") && !Objects.equals(account.phone, patch.phone)) {
            account.phone = patch.phone;
            changed.add("phone");
        }
        if (patch.has("company")) {
            AccountDtos.Company before = companyOf(account);
            if (before == null || patch.company == null) {
                if (before != patch.company) {
                    changed.add("company");
                }
            } else {
                if (!before.name().equals(patch.company.name())) {
                    changed.add("company.name");
                }
                changed.addAll(changedFields("company.address", before.address(), patch.company.address()));
                if (!Objects.equals(before.vatId(), patch.company.vatId())) {
                    changed.add("company.vatId");
                }
                if (!Objects.equals(before.kvkNumber(), patch.company.kvkNumber())) {
                    changed.add("company.kvkNumber");
                }
            }
            setCompany(account, patch.company);
        }
        if (!changed.isEmpty()) {
            account.updatedAt = Timestamps.now();
            events.accountUpdated(new IdentityEvents.AccountUpdated(account.id, List.copyOf(changed), account.updatedAt));
        }
        return changed;
    }

    /** Changes the caller's password; every other session of the login ends. */
    @Transactional
    public void changePassword(Credential caller, UUID currentSession, String currentPassword, String newPassword) {
        Credential login = credentials.findById(caller.id);
        requirePassword(login, currentPassword);
        login.passwordHash = hasher.hash(newPassword);
        login.updatedAt = Timestamps.now();
        sessions.endAll(login.id, currentSession, "password-changed");
    }

    /** Mails a confirmation link to the new address; the change happens when it is followed. */
    @Transactional
    public void requestEmailChange(Credential caller, String newEmail, String password) {
        Credential login = credentials.findById(caller.id);
        requirePassword(login, password);
        String address = Emails.normalise(newEmail);
        requireFreeEmail(address);
        mail.send(templates.confirmNewEmail(address,
                oneTimeTokens.issue(OneTimeToken.Purpose.CHANGE_EMAIL, login.id, address)));
        mail.send(templates.emailChangeRequested(login.email));
    }

    /**
     * Closes the caller's account: nobody can log in any more, every session ends, the newsletter
     * stops, and {@code account.closed} tells the other services. The data itself goes when its
     * retention period ends.
     */
    @Transactional
    public void close(Credential caller, String password) {
        Credential owner = credentials.findById(caller.id);
        if (owner.kind != Credential.Kind.OWNER) {
            throw new ProblemException(IdentityProblems.OWNER_ONLY, "Only the account owner can close the account.");
        }
        requirePassword(owner, password);
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
    }

    void requirePassword(Credential login, String password) {
        if (!hasher.verify(password, login.passwordHash)) {
            throw new ProblemException(IdentityProblems.WRONG_PASSWORD, "The password you gave is not right.");
        }
    }

    void requireFreeEmail(String email) {
        if (credentials.findLiveByEmail(email).isPresent()) {
            throw new ProblemException(IdentityProblems.EMAIL_TAKEN, "This e-mail address already has a login.");
        }
    }

    public static AccountDtos.Address addressOf(Account a) {
        return new AccountDtos.Address(a.street, a.postalCode, a.city, a.country);
    }

    public static AccountDtos.Company companyOf(Account a) {
        if (!a.hasCompany()) {
            return null;
        }
        return new AccountDtos.Company(a.companyName, new AccountDtos.Address(a.companyStreet, a.companyPostalCode,
                a.companyCity, a.companyCountry), a.companyVatId, a.companyKvkNumber);
    }

    private static void setAddress(Account account, AccountDtos.Address address) {
        account.street = address.street().trim();
        account.postalCode = DutchFormats.normalisePostalCode(address.country(), address.postalCode());
        account.city = address.city().trim();
        account.country = address.country();
    }

    private static void setCompany(Account account, AccountDtos.Company company) {
        account.companyName = company == null ? null : company.name().trim();
        account.companyStreet = company == null ? null : company.address().street().trim();
        account.companyPostalCode = company == null ? null
                : DutchFormats.normalisePostalCode(company.address().country(), company.address().postalCode());
        account.companyCity = company == null ? null : company.address().city().trim();
        account.companyCountry = company == null ? null : company.address().country();
        account.companyVatId = company == null ? null : company.vatId();
        account.companyKvkNumber = company == null ? null : company.kvkNumber();
    }

    private static String changedValue(List<String> changed, String field, AccountDtos.ProfilePatch patch,
                                       String before, String after) {
        if (!patch.has(field)) {
            return before;
        }
        if (after == null || after.isBlank()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        if (!after.trim().equals(before)) {
            changed.add(field);
        }
        return after.trim();
    }

    private static List<String> changedFields(String prefix, AccountDtos.Address before, AccountDtos.Address after) {
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
