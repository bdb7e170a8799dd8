package io.cloudpro.identity.mail;

import io.cloudpro.identity.domain.OutgoingMail;
import io.cloudpro.identity.repository.OutgoingMailRepository;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;


/**
 * Queues a mail in the caller's transaction; {@link MailRelay} sends it after the commit. A mail
 * is never sent for a change that rolled back, and one queued before a crash still goes out.
 */
@ApplicationScoped
public class MailOutbox {

    private final OutgoingMailRepository mails;

    MailOutbox(OutgoingMailRepository mails) {
        this.mails = mails;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void send(MailMessage message) {
        OutgoingMail mail = new OutgoingMail();
        mail.recipient = message.to();
        mail.subject = message.subject();
        mail.body = message.body();
        mail.createdAt = Timestamps.now();
        mails.persist(mail);
    }
}
