package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.AccountAccess;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.repository.AccountAccessRepository;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
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

    SupportService(AccountRepository accounts, CredentialRepository credentials, AccountAccessRepository accessLog,
                   Sessions sessions) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.accessLog = accessLog;
        this.sessions = sessions;
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
