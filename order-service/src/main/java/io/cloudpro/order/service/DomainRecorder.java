package io.cloudpro.order.service;

import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.DomainRegistration;
import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.RegistrationStatus;
import io.cloudpro.order.messaging.OrderEvents;
import io.cloudpro.order.repository.DomainRegistrationRepository;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.platform.privacy.Disclosures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The transactions of domain registrations; the registrar is called between them, never inside. */
@ApplicationScoped
public class DomainRecorder {

    static final String REGISTRATIONS = "order.domain-registrations";
    private static final String BASIS = "contract: art. 6(1)(b) GDPR; the registry's terms require the registrant's contact";
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(30);

    private final DomainRegistrationRepository registrations;
    private final OrderRepository orders;
    private final Disclosures disclosures;
    private final OrderEvents events;

    DomainRecorder(DomainRegistrationRepository registrations, OrderRepository orders, Disclosures disclosures, OrderEvents events) {
        this.registrations = registrations;
        this.orders = orders;
        this.disclosures = disclosures;
        this.events = events;
    }

    /** One registration per domain line of a paid order (once, however often asked); their ids. */
    @Transactional
    List<UUID> requestFor(UUID orderId, Instant now) {
        CustomerOrder order = orders.findById(orderId);
        List<UUID> ids = new ArrayList<>();
        for (Line line : order.lines) {
            if (line.domain == null || registrations.exists(orderId, line.domain)) {
                continue;
            }
            DomainRegistration registration = new DomainRegistration();
            registration.id = UUID.randomUUID();
            registration.accountId = order.accountId;
            registration.orderId = orderId;
            registration.domain = line.domain;
            registration.status = RegistrationStatus.REQUESTED;
            registration.requestedAt = now;
            registration.updatedAt = now;
            registration.nextAttemptAt = now;
            registrations.persist(registration);
            ids.add(registration.id);
        }
        return ids;
    }

    /** How long one worker may take with a registration before another may try it (a crashed worker's claim runs out). */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    /**
     * Claims a registration that has work due, so that the schedule and the payment's own thread never
     * call the registrar for it at the same time; null when it is not due or another worker has it.
     */
    @Transactional
    DomainRegistration claim(UUID id, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElse(null);
        if (registration == null || registration.nextAttemptAt == null || registration.nextAttemptAt.isAfter(now)) {
            return null;
        }
        registration.nextAttemptAt = now.plus(CLAIM);
        return registration;
    }

    @Transactional
    boolean restricted(UUID accountId) {
        return registrations.restricted(accountId);
    }

    /** Processing is restricted: nothing goes to the registrar until the restriction is lifted. */
    @Transactional
    void onHold(UUID id, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElseThrow();
        if (registration.status == RegistrationStatus.REQUESTED) {
            registration.status = RegistrationStatus.ON_HOLD;
            registration.detail = "processing restricted at the customer's request (art. 18 GDPR)";
            registration.nextAttemptAt = null;
            registration.updatedAt = now;
        }
    }

    /** Registered: keep what the registry was sent and shows, and publish both as disclosures. */
    @Transactional
    void registered(UUID id, DomainRegistrar.Registrant registrant, DomainRegistrar.Registered result, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElseThrow();
        if (registration.status == RegistrationStatus.REGISTERED) {
            return;
        }
        registration.status = RegistrationStatus.REGISTERED;
        registration.registrarReference = result.reference();
        registration.registry = result.registry();
        registration.registrantType = registrant.type();
        registration.registeredAt = now;
        registration.detail = null;
        whois(registration, result, now);
        // a correction or erasure that arrived meanwhile is still to be passed on
        registration.nextAttemptAt = registration.contactUpdateDue || registration.contactEraseDue ? now : null;
        disclosures.publish(registration.accountId, result.registry() + " (through the registrar)", List.of(REGISTRATIONS),
                registrant.fieldNames(), BASIS, registration.domain, now);
        if (result.whoisPublished()) {
            disclosures.publish(registration.accountId, "the public, through the Whois of " + result.registry(),
                    List.of(REGISTRATIONS), result.whoisFields(), BASIS, registration.domain, now);
        }
        events.domainRegistered(new OrderEvents.DomainRegistered(registration.id, registration.accountId, registration.orderId,
                result.registry(), result.whoisPublished(), now));
    }

    /** The corrected contact reached the registry; a change in what Whois shows is disclosed again. */
    @Transactional
    void contactUpdated(UUID id, DomainRegistrar.Registrant registrant, DomainRegistrar.Registered result, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElseThrow();
        registration.contactUpdateDue = false;
        registration.registrantType = registrant.type();
        whois(registration, result, now);
        registration.nextAttemptAt = registration.contactEraseDue ? now : null;
        disclosures.publish(registration.accountId, result.registry() + " (through the registrar)", List.of(REGISTRATIONS),
                registrant.fieldNames(), "correction passed on: art. 19 GDPR", registration.domain, now);
    }

    /** Nothing was due after all: release the claim. */
    @Transactional
    void idle(UUID id) {
        registrations.locked(id).ifPresent(registration -> registration.nextAttemptAt = null);
    }

    @Transactional
    void contactErased(UUID id, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElseThrow();
        registration.contactEraseDue = false;
        registration.contactUpdateDue = false;
        registration.contactErasedAt = now;
        registration.whoisPublished = false;
        registration.whoisFields = "";
        registration.nextAttemptAt = null;
        registration.updatedAt = now;
    }

    @Transactional
    void refused(UUID id, String why, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElseThrow();
        if (registration.status == RegistrationStatus.REGISTERED) {
            registration.nextAttemptAt = null; // a correction the registrar refused: the registration itself stands
            registration.detail = why;
            return;
        }
        registration.status = RegistrationStatus.REFUSED;
        registration.detail = why;
        registration.nextAttemptAt = null;
        registration.updatedAt = now;
    }

    /** The registrar (or identity-service) is away: try again, waiting a little longer each time. */
    @Transactional
    void retryLater(UUID id, String why, Instant now) {
        DomainRegistration registration = registrations.locked(id).orElseThrow();
        registration.attempts++;
        registration.detail = why;
        long minutes = Math.min(MAX_RETRY.toMinutes(), RETRY.toMinutes() << Math.min(registration.attempts, 5));
        registration.nextAttemptAt = now.plus(Duration.ofMinutes(minutes));
        registration.updatedAt = now;
    }

    private static void whois(DomainRegistration registration, DomainRegistrar.Registered result, Instant now) {
        registration.whoisPublished = result.whoisPublished();
        registration.whoisFields = String.join(",", result.whoisFields());
        registration.updatedAt = now;
    }
}
