package io.cloudpro.order.service;

import io.cloudpro.order.domain.PaymentProvider;
import io.cloudpro.order.domain.PaymentStatus;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment provider, as order-service uses it: start a payment and send the payer to its checkout;
 * ask it what became of a payment (the truth - a webhook is only a hint to ask); capture an approved
 * payment where the provider needs that (PayPal). One adapter per provider; calls are never made
 * inside a database transaction.
 */
public interface PaymentGateway {

    PaymentProvider provider();

    /** What a payment needs at the provider: no names, no e-mail addresses - the order number describes it. */
    record Start(UUID paymentId, long amountCents, String description, String returnUrl, String webhookUrl) {
    }

    record Started(String reference, String checkoutUrl) {
    }

    /** The provider's word on a payment; {@code maskedAccount} is already masked by the adapter. */
    record State(PaymentStatus status, String maskedAccount, String providerStatus) {
    }

    /** A webhook that passed the provider's own authenticity check. */
    record Webhook(String eventId, String eventType, String reference) {
    }

    /** The provider cannot be reached or refused for a reason of its own: try again later. */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Started start(Start payment);

    State state(String reference);

    /** Settles an approved payment (PayPal's capture); providers that settle by themselves just answer the state. */
    default State capture(String reference) {
        return state(reference);
    }

    /** Checks a webhook's signature; empty when it is not authentic. Providers without signatures send only ids. */
    default Optional<Webhook> verify(Map<String, String> headers, String body) {
        return Optional.empty();
    }
}
