package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.AccountAccess;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.repository.AccountAccessRepository;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * What support staff may do with customer accounts. Every search result and every view is recorded
 * with who looked and the reason they gave, so that an access request can show it.
 */
@ApplicationScoped
public class SupportService {

    private final AccountRepository accounts;
    private final CredentialRepository credentials;
    private final AccountAccessRepository accessLog;
    private final Sessions sessions;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;

    SupportService(AccountRepository accounts, CredentialRepository credentials, AccountAccessRepository accessLog,
                   Sessions sessions, IdentityEvents events, MailOutbox mail, MailTemplates templates) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.accessLog = accessLog;
        this.sessions = sessions;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
    }

    /** An account as support sees it: with its owner's login and its members. */
    public record AccountView(Account account, Credential owner, List<Credential> members) {
    }

    @Transactional
    public Page<AccountView> search(Caller staff, String query, String reason, int page, int size) {
        requireReason(reason);
        if (query == null || query.trim().length() < 3) {
            throw ProblemException.invalidField("q", "give at least 3 characters to search for");
        }
        List<Account> found = accounts.search(query.trim(), page, size);
        found.forEach(account -> record(staff, account.id, AccountAccess.Action.SEARCH, reason));
        return new Page<>(found, page, size, accounts.countSearch(query.trim()))
                .map(account -> new AccountView(account, credentials.findOwner(account.id).orElse(null), List.of()));
    }

    @Transactional
    public AccountView view(Caller staff, UUID accountId, String reason) {
        requireReason(reason);
        Account account = find(accountId);
        record(staff, accountId, AccountAccess.Action.VIEW, reason);
        return viewOf(account);
    }

    /** Locks the account: no login works and every session ends, until support unlocks it. */
    @Transactional
    public AccountView lock(Caller staff, UUID accountId, String reason) {
        return viewOf(switchStatus(staff, accountId, reason, AccountAccess.Action.LOCK, Account.Status.ACTIVE,
                Account.Status.LOCKED, Credential.Status.ACTIVE, Credential.Status.LOCKED));
    }

    @Transactional
    public AccountView unlock(Caller staff, UUID accountId, String reason) {
        return viewOf(switchStatus(staff, accountId, reason, AccountAccess.Action.UNLOCK, Account.Status.LOCKED,
                Account.Status.ACTIVE, Credential.Status.LOCKED, Credential.Status.ACTIVE));
    }

    /**
     * Opens a closed account again at its owner's request, while its data is still there: the grace
     * period before retention-service's clocks fall due. Its logins work again (a member whose address
     * has a new login meanwhile stays closed), and {@code account.reopened} stops the clocks. The
     * newsletter stays off: a new subscription needs a new consent.
     */
    @Transactional
    public AccountView reopen(Caller staff, UUID accountId, String reason) {
        requireReason(reason);
        Account account = find(accountId);
        Credential owner = credentials.findOwner(accountId).orElse(null);
        if (account.status != Account.Status.CLOSED || account.erasedAt != null || owner == null) {
            throw new ProblemException(IdentityProblems.NOT_REOPENABLE, account.status != Account.Status.CLOSED
                    ? "The account is not closed." : "The account's data has been deleted; it cannot be opened again.");
        }
        if (credentials.findLiveByEmail(owner.email).isPresent()) {
            throw new ProblemException(IdentityProblems.EMAIL_TAKEN, "The owner's e-mail address has a new login meanwhile.");
        }
        java.time.Instant now = Timestamps.now();
        for (Credential login : credentials.findByAccount(accountId)) {
            if (login.status == Credential.Status.CLOSED && credentials.findLiveByEmail(login.email).isEmpty()) {
                login.status = Credential.Status.ACTIVE;
                login.updatedAt = now;
            }
        }
        account.status = Account.Status.ACTIVE;
        account.closedAt = null;
        account.updatedAt = now;
        record(staff, accountId, AccountAccess.Action.REOPEN, reason);
        mail.send(templates.accountReopened(owner.email));
        events.accountReopened(new IdentityEvents.AccountReopened(accountId, now));
        return viewOf(account);
    }

    private AccountView viewOf(Account account) {
        // an erased account has no owner login any more
        return new AccountView(account, credentials.findOwner(account.id).orElse(null),
                credentials.findMembers(account.id));
    }

    /** Moves the account and its logins from one status to another; locking also ends every session. */
    private Account switchStatus(Caller staff, UUID accountId, String reason, AccountAccess.Action action,
                                 Account.Status from, Account.Status to, Credential.Status loginFrom,
                                 Credential.Status loginTo) {
        requireReason(reason);
        Account account = find(accountId);
        if (account.status == from) {
            account.status = to;
            account.updatedAt = Timestamps.now();
            for (Credential login : credentials.findByAccount(accountId)) {
                if (login.status == loginFrom) {
                    login.status = loginTo;
                    login.updatedAt = account.updatedAt;
                }
                if (to == Account.Status.LOCKED) {
                    sessions.endAll(login.id, null, "account-locked");
                }
            }
        }
        record(staff, accountId, action, reason);
        return account;
    }

    @Transactional
    public Page<AccountAccess> accessLog(UUID accountId, int page, int size) {
        find(accountId);
        return new Page<>(accessLog.forAccount(accountId, page, size), page, size, accessLog.count("accountId", accountId));
    }

    private Account find(UUID accountId) {
        Account account = accounts.findById(accountId);
        if (account == null) {
            throw ProblemException.notFound("Account");
        }
        return account;
    }

    private void record(Caller staff, UUID accountId, AccountAccess.Action action, String reason) {
        AccountAccess access = new AccountAccess();
        access.id = UUID.randomUUID();
        access.accountId = accountId;
        access.staffId = staff.loginId();
        access.action = action;
        access.reason = reason.trim();
        access.occurredAt = Timestamps.now();
        accessLog.persist(access);
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidField("reason", "say why you need this account, e.g. the ticket number");
        }
        if (reason.length() > 500) {
            throw ProblemException.invalidField("reason", "must be at most 500 characters");
        }
    }
}
