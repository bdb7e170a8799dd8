package io.cloudpro.identity.messaging;

import io.cloudpro.platform.events.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events identity-service publishes on {@value #TOPIC}, documented in
 * {@code src/main/asyncapi/identity-events.yaml}. Payloads carry ids and facts, no names or
 * addresses: a consumer that needs personal data asks the owning service.
 */
@ApplicationScoped
public class IdentityEvents {

    public static final String TOPIC = "identity.events";
    /** Session revocations, read by every service (platform security); a topic of their own. */
    public static final String SESSIONS_TOPIC = "identity.sessions";
    private static final String PREFIX = "io.cloudpro.identity.";

    public static final String ACCOUNT_REGISTERED = PREFIX + "account.registered.v1";
    public static final String ACCOUNT_UPDATED = PREFIX + "account.updated.v1";
    public static final String ACCOUNT_CLOSED = PREFIX + "account.closed.v1";
    public static final String ACCOUNT_REOPENED = PREFIX + "account.reopened.v1";
    public static final String REGISTRATION_EXPIRED = PREFIX + "account.registration-expired.v1";
    public static final String SESSION_REVOKED = PREFIX + "session.revoked.v1";
    public static final String LOGIN_NEW_LOCATION = PREFIX + "login.new-location.v1";
    public static final String NEWSLETTER_CONSENT_CHANGED = PREFIX + "newsletter.consent-changed.v1";
    public static final String APPLICATION_SUBMITTED = PREFIX + "application.submitted.v1";
    public static final String APPLICATION_DECIDED = PREFIX + "application.decided.v1";

    public record AccountRegistered(UUID accountId, Instant registeredAt, boolean company, boolean newsletter) {
    }

    /** {@code changedFields} names what changed (e.g. "address.postalCode", "email"), never the values. */
    public record AccountUpdated(UUID accountId, List<String> changedFields, Instant updatedAt) {
    }

    public record AccountClosed(UUID accountId, Instant closedAt) {
    }

    /** A closed account was opened again within its grace period: its retention clocks stop. */
    public record AccountReopened(UUID accountId, Instant reopenedAt) {
    }

    /** An account whose e-mail address was never confirmed was deleted, with everything it held. */
    public record RegistrationExpired(UUID accountId, Instant expiredAt) {
    }

    /**
     * A session ended: its access tokens must be refused everywhere until {@code tokensExpireBy}, when
     * the last of them has expired (token lifetime plus the verifiers' clock-skew allowance).
     * {@code reason} is a code such as {@code logout} or {@code password-changed}.
     */
    public record SessionRevoked(UUID sessionId, UUID loginId, String reason, Instant revokedAt, Instant tokensExpireBy) {
    }

    /** {@code accountId} is null for staff logins. */
    public record LoginNewLocation(UUID accountId, UUID loginId, String network, Instant occurredAt) {
    }

    public record NewsletterConsentChanged(UUID accountId, boolean subscribed, String method,
                                           String privacyNoticeVersion, Instant changedAt) {
    }

    public record ApplicationSubmitted(UUID applicationId, String vacancy, boolean keepOnFileConsent,
                                       Instant submittedAt) {
    }

    /** {@code retainUntil}: when a rejected application must be deleted; null when hired. */
    public record ApplicationDecided(UUID applicationId, String decision, boolean keepOnFileConsent,
                                     Instant decidedAt, Instant retainUntil) {
    }

    private final EventOutbox outbox;

    IdentityEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public void accountRegistered(AccountRegistered event) {
        outbox.publish(TOPIC, ACCOUNT_REGISTERED, event.accountId().toString(), event);
    }

    public void accountUpdated(AccountUpdated event) {
        outbox.publish(TOPIC, ACCOUNT_UPDATED, event.accountId().toString(), event);
    }

    public void accountClosed(AccountClosed event) {
        outbox.publish(TOPIC, ACCOUNT_CLOSED, event.accountId().toString(), event);
    }

    public void accountReopened(AccountReopened event) {
        outbox.publish(TOPIC, ACCOUNT_REOPENED, event.accountId().toString(), event);
    }

    public void registrationExpired(RegistrationExpired event) {
        outbox.publish(TOPIC, REGISTRATION_EXPIRED, event.accountId().toString(), event);
    }

    public void sessionRevoked(SessionRevoked event) {
        outbox.publish(SESSIONS_TOPIC, SESSION_REVOKED, event.loginId().toString(), event);
    }

    public void loginNewLocation(LoginNewLocation event) {
        UUID subject = event.accountId() != null ? event.accountId() : event.loginId();
        outbox.publish(TOPIC, LOGIN_NEW_LOCATION, subject.toString(), event);
    }

    public void newsletterConsentChanged(NewsletterConsentChanged event) {
        outbox.publish(TOPIC, NEWSLETTER_CONSENT_CHANGED, event.accountId().toString(), event);
    }

    public void applicationSubmitted(ApplicationSubmitted event) {
        outbox.publish(TOPIC, APPLICATION_SUBMITTED, event.applicationId().toString(), event);
    }

    public void applicationDecided(ApplicationDecided event) {
        outbox.publish(TOPIC, APPLICATION_DECIDED, event.applicationId().toString(), event);
    }
}
