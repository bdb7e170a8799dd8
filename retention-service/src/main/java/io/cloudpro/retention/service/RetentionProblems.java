package io.cloudpro.retention.service;

import io.cloudpro.platform.problem.ProblemType;

/** The problems retention-service answers with besides the platform's. */
public final class RetentionProblems {

    /** A period shorter than the law's minimum for the category (e.g. invoices: 7 years, AWR art. 52). */
    public static final ProblemType BELOW_STATUTORY_MINIMUM = ProblemType.of("below-statutory-minimum", 422,
            "Below the statutory minimum");

    private RetentionProblems() {
    }
}
