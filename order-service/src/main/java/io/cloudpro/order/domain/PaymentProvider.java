package io.cloudpro.order.domain;

/** The payment providers, as the disclosure register names them. */
public enum PaymentProvider {
    MOLLIE("Mollie B.V."), PAYPAL("PayPal (Europe) S.à r.l. et Cie, S.C.A.");

    private final String legalName;

    PaymentProvider(String legalName) {
        this.legalName = legalName;
    }

    public String legalName() {
        return legalName;
    }
}
