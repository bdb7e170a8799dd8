package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Only you or those with whom you share this information can log in": an owner gives other
 * people their own login to the account and takes it away again. A revoked member is locked out
 * at once - their sessions end and identity-service refuses their tokens from that moment.
 */
@ApplicationScoped
public class MemberService {

    private final CredentialRepository credentials;
    private final AccountRepository accounts;
    private final OneTimeTokens oneTimeTokens;
    private final Sessions sessions;
    private final MailOutbox mail;
    private final MailTemplates templates;

    MemberService(CredentialRepository credentials, AccountRepository accounts, OneTimeTokens oneTimeTokens,
                  Sessions sessions, MailOutbox mail, MailTemplates templates) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.oneTimeTokens = oneTimeTokens;
        this.sessions = sessions;
        this.mail = mail;
        this.templates = templates;
    }

    @Transactional
    public Credential invite(Caller owner, String email, String firstName, String lastName) {
        requireOwner(owner);
        String address = Emails.normalise(email);
        if (credentials.findLiveByEmail(address).isPresent()) {
            throw new ProblemException(IdentityProblems.EMAIL_TAKEN, "This e-mail address already has a login.");
        }
        Instant now = Timestamps.now();
        Credential member = new Credential();
        member.id = UUID.randomUUID();
        member.kind = Credential.Kind.MEMBER;
        member.accountId = owner.accountId();
        member.email = address;
        member.firstName = firstName.trim();
        member.lastName = lastName.trim();
        member.status = Credential.Status.PENDING;
        member.createdAt = now;
        member.updatedAt = now;
        credentials.persist(member);
        Account account = accounts.findById(owner.accountId());
        mail.send(templates.memberInvitation(address, account.firstName + " " + account.lastName,
                oneTimeTokens.issue(OneTimeToken.Purpose.ACTIVATE, member.id, null)));
        return member;
    }

    @Transactional
    public List<Credential> list(Caller owner) {
        requireOwner(owner);
        return credentials.findMembers(owner.accountId());
    }

    /** Ends a member's access at once. Another account's member is "not found". */
    @Transactional
    public void revoke(Caller owner, UUID memberId) {
        requireOwner(owner);
        Credential member = credentials.findById(memberId);
        if (member == null || member.kind != Credential.Kind.MEMBER || !owner.accountId().equals(member.accountId)
                || member.status == Credential.Status.REVOKED) {
            throw ProblemException.notFound("Member");
        }
        member.status = Credential.Status.REVOKED;
        member.updatedAt = Timestamps.now();
        sessions.endAll(member.id, null, "membership-revoked");
    }

    private static void requireOwner(Caller login) {
        if (!login.isOwner()) {
            throw new ProblemException(IdentityProblems.OWNER_ONLY, "Only the account owner manages who shares the account.");
        }
    }
}
