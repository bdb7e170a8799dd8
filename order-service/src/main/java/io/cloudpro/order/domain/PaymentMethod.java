package io.cloudpro.order.domain;

/** How the customer pays, and the provider that handles it. */
public enum PaymentMethod {
    IDEAL(PaymentProvider.MOLLIE), PAYPAL(PaymentProvider.PAYPAL);

    private final PaymentProvider provider;

    PaymentMethod(PaymentProvider provider) {
        this.provider = provider;
    }

    public PaymentProvider provider() {
        return provider;
    }
}
