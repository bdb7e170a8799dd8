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
 * one-time links). While the server is away, mail waits and is retried on the next pass; a mail
 * that still fails after {@value #MAX_ATTEMPTS} attempts is dropped with an error in the log.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    private static final int BATCH = 50;
    /** About an hour of retries at the default interval, with the rest of the queue going first. */
    private static final int MAX_ATTEMPTS = 3600;

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
            // Mail that failed before goes last, so that one undeliverable mail cannot hold up the rest.
            List<OutgoingMail> batch = mails.getEntityManager()
                    .createQuery("FROM OutgoingMail ORDER BY attempts, id", OutgoingMail.class)
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
                    if (mail.attempts >= MAX_ATTEMPTS) {
                        LOG.errorf("Mail %d dropped after %d failed attempts (%s)", mail.id, mail.attempts, mail.lastError);
                        mails.delete(mail);
                    } else {
                        LOG.warnf("Mail %d not sent (attempt %d, %s); it stays queued", mail.id, mail.attempts,
                                mail.lastError);
                    }
                    return; // the server is probably away: try the rest on the next pass
                }
            }
        });
    }
}
