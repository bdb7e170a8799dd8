package io.cloudpro.retention.service;

import io.cloudpro.platform.problem.ProblemType;

/** The problems retention-service answers with besides the platform's. */
public final class RetentionProblems {

    /** A period shorter than the law's minimum for the category (e.g. invoices: 7 years, AWR art. 52). */
    public static final ProblemType BELOW_STATUTORY_MINIMUM = ProblemType.of("below-statutory-minimum", 422,
            "Below the statutory minimum");

    /** A category that its owner deletes itself as it expires: retention-service does not purge it. */
    public static final ProblemType ENFORCED_BY_OWNER = ProblemType.of("enforced-by-owner", 409,
            "Retention enforced by the owning service");

    private RetentionProblems() {
    }
}
