package io.cloudpro.order.service;

import io.cloudpro.platform.problem.ProblemType;

/** The problems order-service answers with besides the platform's common ones. */
public final class OrderProblems {

    public static final ProblemType QUOTATION_EXPIRED = ProblemType.of("quotation-expired", 409, "Quotation expired");
    public static final ProblemType PRODUCT_UNAVAILABLE = ProblemType.of("product-unavailable", 422, "Product unavailable");
    public static final ProblemType SKU_TAKEN = ProblemType.of("sku-taken", 409, "SKU in use");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = ProblemType.of("idempotency-key-reused", 422,
            "Idempotency key reused with another request");
    public static final ProblemType NO_ACCOUNT = ProblemType.of("no-account", 403, "No customer account");

    public static final ProblemType BILLING_DETAILS_INCOMPLETE = ProblemType.of("billing-details-incomplete", 422,
            "Billing details incomplete");
    public static final ProblemType BILLING_DETAILS_UNAVAILABLE = ProblemType.of("billing-details-unavailable", 503,
            "Billing details unavailable");
    public static final ProblemType VAT_CHECK_UNAVAILABLE = ProblemType.of("vat-check-unavailable", 503,
            "VAT number check unavailable");
    public static final ProblemType NOT_CREDITABLE = ProblemType.of("not-creditable", 422, "More credited than invoiced");

    public static final ProblemType ORDER_PAID = ProblemType.of("order-paid", 409, "Order already paid");
    public static final ProblemType PAYMENT_PROVIDER_UNAVAILABLE = ProblemType.of("payment-provider-unavailable", 503,
            "Payment provider unavailable");
    public static final ProblemType WEBHOOK_NOT_AUTHENTIC = ProblemType.of("webhook-not-authentic", 400,
            "Webhook not authentic");

    private OrderProblems() {
    }
}
