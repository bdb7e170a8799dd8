package io.cloudpro.identity.mail;

import io.cloudpro.identity.domain.OutgoingMail;
import io.cloudpro.identity.repository.OutgoingMailRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Sends queued mail over SMTP and deletes each row once the server accepted it (bodies carry
 * one-time links). While the server is away, mail waits and is retried on the next pass.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    private static final int BATCH = 50;

    private final OutgoingMailRepository mails;
    private final Mailer mailer;

    MailRelay(OutgoingMailRepository mails, Mailer mailer) {
        this.mails = mails;
        this.mailer = mailer;
    }

    @Scheduled(every = "${identity.mail.send-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendPending() {
        QuarkusTransaction.requiringNew().run(() -> {
            // SKIP LOCKED: replicas share the queue without sending a mail twice.
            List<OutgoingMail> batch = mails.getEntityManager()
                    .createQuery("FROM OutgoingMail ORDER BY id", OutgoingMail.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", -2)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (OutgoingMail mail : batch) {
                try {
                    mailer.send(Mail.withText(mail.recipient, mail.subject, mail.body));
                    mails.delete(mail);
                } catch (RuntimeException e) {
                    mail.attempts++;
                    mail.lastError = e.getClass().getSimpleName();
                    LOG.warnf("Mail %d not sent (attempt %d, %s); it stays queued", mail.id, mail.attempts,
                            e.getClass().getSimpleName());
                    return; // the server is probably away: try the rest on the next pass
                }
            }
        });
    }
}
