package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.NewsletterConsent;
import io.cloudpro.identity.domain.NewsletterRecipient;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.NewsletterConsentRepository;
import io.cloudpro.identity.repository.PrivacyNoticeRepository;
import io.cloudpro.identity.security.UnsubscribeTokens;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Newsletter consent (Telecommunicatiewet art. 11.7: opt-in, easy opt-out). Every change is kept as
 * proof - when, how, under which version of the privacy statement - and published as
 * {@code newsletter.consent-changed}.
 */
@ApplicationScoped
public class NewsletterService {

    private final AccountRepository accounts;
    private final CredentialRepository credentials;
    private final NewsletterConsentRepository consents;
    private final UnsubscribeTokens unsubscribeTokens;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final PrivacyNoticeRepository notices;
    private final String defaultNoticeVersion;

    NewsletterService(AccountRepository accounts, CredentialRepository credentials, NewsletterConsentRepository consents,
                      UnsubscribeTokens unsubscribeTokens, IdentityEvents events, MailOutbox mail,
                      MailTemplates templates, PrivacyNoticeRepository notices, IdentityConfig config) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.consents = consents;
        this.unsubscribeTokens = unsubscribeTokens;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
        this.notices = notices;
        this.defaultNoticeVersion = config.newsletter().privacyNoticeVersion();
    }

    /**
     * Records a change of consent; nothing happens if the account is in that state already.
     *
     * @param noticeVersion the privacy statement version the person saw; null: the current one
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean change(Account account, boolean subscribed, NewsletterConsent.Method method, String noticeVersion) {
        if (account.newsletterSubscribed == subscribed) {
            return false;
        }
        Instant now = Timestamps.now();
        NewsletterConsent proof = new NewsletterConsent();
        proof.id = UUID.randomUUID();
        proof.accountId = account.id;
        proof.subscribed = subscribed;
        proof.changedAt = now;
        proof.method = method;
        proof.privacyNoticeVersion = noticeVersion == null || noticeVersion.isBlank() ? currentNoticeVersion() : noticeVersion;
        consents.persist(proof);
        account.newsletterSubscribed = subscribed;
        account.updatedAt = now;
        events.newsletterConsentChanged(new IdentityEvents.NewsletterConsentChanged(account.id, subscribed,
                method.name(), proof.privacyNoticeVersion, now));
        if (subscribed) {
            credentials.findOwner(account.id).ifPresent(owner -> mail.send(
                    templates.newsletterSubscribed(owner.email, unsubscribeTokens.tokenFor(account.id))));
        }
        return true;
    }

    /**
     * The version of the privacy statement in force: the one privacy-rights-service last published,
     * or the configured one before it ever did.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String currentNoticeVersion() {
        return notices.current().orElse(defaultNoticeVersion);
    }

    /** privacy-rights-service published a new version of the privacy statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void privacyStatementPublished(String version, Instant publishedAt) {
        notices.record(version, publishedAt);
    }

    /** The consent as the owner sees it, with the link that ends it. */
    public record State(boolean subscribed, Instant since, String privacyNoticeVersion, String unsubscribeLink) {
    }

    @Transactional
    public State state(Caller owner) {
        requireOwner(owner);
        Account account = accounts.findById(owner.accountId());
        List<NewsletterConsent> proof = consents.history(account.id);
        NewsletterConsent last = proof.isEmpty() ? null : proof.get(proof.size() - 1);
        return new State(account.newsletterSubscribed, last == null ? null : last.changedAt,
                last == null ? null : last.privacyNoticeVersion,
                account.newsletterSubscribed ? templates.unsubscribeLink(unsubscribeTokens.tokenFor(account.id)) : null);
    }

    /** The owner changes consent from the profile. */
    @Transactional
    public State set(Caller owner, boolean subscribed, String noticeVersion) {
        requireOwner(owner);
        change(accounts.findById(owner.accountId()), subscribed, NewsletterConsent.Method.PROFILE, noticeVersion);
        return state(owner);
    }

    private static void requireOwner(Caller login) {
        if (!login.isOwner()) {
            throw new ProblemException(IdentityProblems.OWNER_ONLY, "The newsletter consent is the account owner's.");
        }
    }

    /**
     * Sends one issue of the newsletter to every subscriber whose account is open and whose
     * processing is not restricted (GDPR art. 18), through the mail outbox; returns how many.
     */
    @Transactional
    public int sendIssue(String subject, String text) {
        int sent = 0;
        for (NewsletterRecipient recipient : accounts.newsletterRecipients()) {
            mail.send(templates.newsletterIssue(recipient.email(), subject, text, unsubscribeTokens.tokenFor(recipient.accountId())));
            sent++;
        }
        return sent;
    }

    /** The one-click link of a newsletter: no login, the signed token names the account. */
    @Transactional
    public void unsubscribe(String token) {
        UUID accountId = unsubscribeTokens.accountOf(token).orElseThrow(() ->
                new ProblemException(IdentityProblems.INVALID_TOKEN, "This unsubscribe link is not valid."));
        Account account = accounts.findById(accountId);
        if (account != null) {
            change(account, false, NewsletterConsent.Method.UNSUBSCRIBE_LINK, null);
        }
    }
}
