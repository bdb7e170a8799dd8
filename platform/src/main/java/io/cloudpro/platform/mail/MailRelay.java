package io.cloudpro.platform.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends queued mail over SMTP. Each pass claims a few due mails in one short transaction, sends
 * them with no transaction open, and then deletes each sent mail in a short transaction of its own:
 * a send can never be rolled back by a transaction that timed out while the SMTP server was slow, so
 * a mail is not sent twice for that reason. (A crash between the send and the delete still sends it
 * again once the claim runs out: delivery is at least once.)
 * <p>
 * A temporary failure (the server is away, a 4xx answer) is retried with growing pauses for up to
 * {@code cloudpro.mail.give-up-after} (1 hour); a permanent rejection (a 5xx answer such as "mailbox
 * unavailable") is not retried at all. Either way a mail that will not go is dropped with an error
 * in the log naming its id and the SMTP reply code - never the address.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    private static final int BATCH = 20;
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final MailRepository mails;
    private final Mailer mailer;
    private final Duration giveUpAfter;
    private final Counter sent;
    private final Counter rejected;
    private final Counter retried;

    MailRelay(MailRepository mails, Mailer mailer, MeterRegistry meters,
              @ConfigProperty(name = "cloudpro.mail.give-up-after", defaultValue = "1h") Duration giveUpAfter) {
        this.mails = mails;
        this.mailer = mailer;
        this.giveUpAfter = giveUpAfter;
        this.sent = Counter.builder("cloudpro.mail.sent").register(meters);
        this.rejected = Counter.builder("cloudpro.mail.dropped").description("Mail rejected for good or given up on")
                .register(meters);
        this.retried = Counter.builder("cloudpro.mail.retried").register(meters);
    }

    @Scheduled(every = "${cloudpro.mail.send-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        Instant now = Instant.now();
        List<OutgoingMail> batch = QuarkusTransaction.requiringNew().call(() -> mails.claimDue(now, now.plus(CLAIM), BATCH));
        List<Long> untried = new ArrayList<>();
        boolean serverAway = false;
        for (OutgoingMail mail : batch) {
            if (serverAway) {
                untried.add(mail.id);
                continue;
            }
            try {
                mailer.send(Mail.withText(mail.recipient, mail.subject, mail.body));
                QuarkusTransaction.requiringNew().run(() -> mails.delete(mail.id));
                sent.increment();
            } catch (RuntimeException e) {
                SMTPException smtp = smtpAnswer(e);
                if (smtp != null && smtp.isPermanent()) {
                    QuarkusTransaction.requiringNew().run(() -> mails.delete(mail.id));
                    rejected.increment();
                    LOG.errorf("Mail %d rejected by the SMTP server for good (reply %d); not retried", mail.id,
                            smtp.getReplyCode());
                    continue;
                }
                serverAway = smtp == null; // no SMTP answer at all: the rest of the batch waits too
                failedForNow(mail, smtp == null ? e.getClass().getSimpleName() : "SMTP " + smtp.getReplyCode());
            }
        }
        if (!untried.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> mails.release(untried));
        }
    }

    private void failedForNow(OutgoingMail mail, String error) {
        Instant now = Instant.now();
        if (mail.createdAt.plus(giveUpAfter).isBefore(now)) {
            QuarkusTransaction.requiringNew().run(() -> mails.delete(mail.id));
            rejected.increment();
            LOG.errorf("Mail %d dropped after %d attempts over %s (%s)", mail.id, mail.attempts, giveUpAfter, error);
            return;
        }
        long seconds = Math.min(MAX_PAUSE.toSeconds(), 1L << Math.min(mail.attempts - 1, 20));
        QuarkusTransaction.requiringNew().run(() -> mails.retryLater(mail.id, now.plusSeconds(seconds), error));
        retried.increment();
        LOG.warnf("Mail %d not sent (attempt %d, %s); next attempt in %d s", mail.id, mail.attempts, error, seconds);
    }

    /** The SMTP server's answer behind a failure, if the server answered at all. */
    private static SMTPException smtpAnswer(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }
}
