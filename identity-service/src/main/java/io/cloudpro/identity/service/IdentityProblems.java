package io.cloudpro.identity.service;

import io.cloudpro.platform.problem.ProblemType;

/** The problem types that identity-service adds to the platform's. */
public final class IdentityProblems {

    /** Unknown address, wrong password, locked or unconfirmed login: one answer for all, so nothing is revealed. */
    public static final ProblemType INVALID_CREDENTIALS = ProblemType.of("invalid-credentials", 401, "Login failed");
    /** Throttled: the same answer for known and unknown addresses, with Retry-After. */
    public static final ProblemType TOO_MANY_ATTEMPTS = ProblemType.of("too-many-attempts", 429, "Too many attempts");
    public static final ProblemType INVALID_REFRESH_TOKEN = ProblemType.of("invalid-refresh-token", 401, "Refresh token not accepted");
    public static final ProblemType WRONG_PASSWORD = ProblemType.of("wrong-password", 403, "Password does not match");
    public static final ProblemType EMAIL_TAKEN = ProblemType.of("email-taken", 409, "E-mail address in use");
    public static final ProblemType INVALID_TOKEN = ProblemType.of("invalid-token", 400, "Link not valid");
    public static final ProblemType OWNER_ONLY = ProblemType.of("owner-only", 403, "Only the account owner can do this");
    public static final ProblemType LAST_ADMIN = ProblemType.of("last-admin", 409, "The last admin must stay");
    /** Only a closed account whose data is still there (its grace period) can be opened again. */
    public static final ProblemType NOT_REOPENABLE = ProblemType.of("not-reopenable", 409, "Account cannot be re-opened");
    public static final ProblemType ALREADY_DECIDED = ProblemType.of("already-decided", 409, "Already decided");

    private IdentityProblems() {
    }
}
