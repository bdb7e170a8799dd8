package io.cloudpro.order.service;

import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.domain.DomainRegistration;
import io.cloudpro.order.domain.RegistrationStatus;
import io.cloudpro.order.repository.DomainRegistrationRepository;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Domain registrations: requested in the transaction that marks their order paid, then sent to the registrar with the
 * registrant contact as identity-service has it (a business registers in its own name). Whatever
 * fails outside - identity-service, the registrar - is retried on a schedule. A corrected or erased
 * contact is passed on to the registrar for every registration that carries it (GDPR art. 19 and
 * 17(2)); while the account restricts processing, nothing new is sent.
 */
@ApplicationScoped
public class DomainService {

    private static final Logger LOG = Logger.getLogger(DomainService.class);

    private final DomainRecorder recorder;
    private final DomainRegistrationRepository registrations;
    private final DomainRegistrar registrar;
    private final BillingDirectory billing;

    DomainService(DomainRecorder recorder, DomainRegistrationRepository registrations, DomainRegistrar registrar,
                  BillingDirectory billing) {
        this.recorder = recorder;
        this.registrations = registrations;
        this.registrar = registrar;
        this.billing = billing;
    }

    @Transactional
    public List<DomainRegistration> list(Customer customer) {
        return registrations.ofAccount(customer.accountId());
    }

    @Scheduled(every = "${order.registrar.retry-interval:30s}", delayed = "${order.scheduler.first-run:25s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        for (UUID id : due()) {
            work(id);
        }
    }

    @Transactional
    List<UUID> due() {
        return registrations.due(Timestamps.now(), 50);
    }

    /** Does what the registration waits for: registering it, or passing on a corrected or erased contact. */
    void work(UUID id) {
        DomainRegistration registration = recorder.claim(id, Timestamps.now());
        if (registration == null) {
            return;
        }
        try {
            if (registration.contactEraseDue && registration.registrarReference != null) {
                registrar.redactRegistrant(registration.registrarReference);
                recorder.contactErased(id, Timestamps.now());
            } else if (registration.contactEraseDue) {
                recorder.contactErased(id, Timestamps.now()); // never registered: nothing at the registrar to remove
            } else if (recorder.restricted(registration.accountId)) {
                recorder.onHold(id, Timestamps.now());
            } else if (registration.status == RegistrationStatus.REQUESTED) {
                DomainRegistrar.Registrant registrant = registrant(registration.accountId);
                recorder.registered(id, registrant, registrar.register(registration.domain, registrant, registration.id.toString()),
                        Timestamps.now());
            } else if (registration.contactUpdateDue && registration.registrarReference != null) {
                DomainRegistrar.Registrant registrant = registrant(registration.accountId);
                recorder.contactUpdated(id, registrant, registrar.updateRegistrant(registration.registrarReference, registrant),
                        Timestamps.now());
            } else {
                recorder.idle(id);
            }
        } catch (DomainRegistrar.RefusedException e) {
            LOG.infof("registration %s refused: %s", id, e.getMessage());
            recorder.refused(id, e.getMessage(), Timestamps.now());
        } catch (DomainRegistrar.UnavailableException | ServiceCallException | IncompleteContactException e) {
            LOG.warnf("registration %s waits: %s", id, e.getMessage());
            recorder.retryLater(id, e.getMessage(), Timestamps.now());
        }
    }

    /** The registrant: the business if the account is one, else the person, as identity-service has them now. */
    private DomainRegistrar.Registrant registrant(UUID accountId) {
        BillingDirectory.BillingDetails details = billing.of(accountId)
                .orElseThrow(() -> new IncompleteContactException("identity-service knows no contact for the account"));
        BillingDirectory.Company company = details.company();
        BillingDirectory.Address address = company != null && company.address() != null ? company.address() : details.address();
        if (address == null || address.street() == null || address.city() == null) {
            throw new IncompleteContactException("the account has no full address yet");
        }
        return new DomainRegistrar.Registrant(company != null ? DomainRegistration.RegistrantType.BUSINESS
                : DomainRegistration.RegistrantType.PERSON, details.name(), company == null ? null : company.name(),
                address.street(), address.postalCode(), address.city(), address.country());
    }

    /** The contact cannot be sent yet; the registration waits for it. */
    static class IncompleteContactException extends RuntimeException {
        IncompleteContactException(String message) {
            super(message);
        }
    }
}
