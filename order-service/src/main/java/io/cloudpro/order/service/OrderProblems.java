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

    private OrderProblems() {
    }
}
