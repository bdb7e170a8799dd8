package io.cloudpro.platform.mail;

import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Queues a mail in the caller's transaction; {@link MailRelay} sends it after the commit. A mail is
 * never sent for a change that rolled back, and one queued before a crash still goes out.
 */
@ApplicationScoped
public class MailOutbox {

    private final MailRepository mails;

    MailOutbox(MailRepository mails) {
        this.mails = mails;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void send(MailMessage message) {
        Instant now = Timestamps.now();
        OutgoingMail mail = new OutgoingMail();
        mail.recipient = message.to();
        mail.subject = message.subject();
        mail.body = message.body();
        mail.createdAt = now;
        mail.nextAttemptAt = now;
        mails.persist(mail);
    }

    /** Drops mail not yet sent to {@code recipient} (their data is being erased). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int discardFor(String recipient) {
        return mails.deleteFor(recipient);
    }
}
