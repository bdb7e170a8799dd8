package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.repository.OneTimeTokenRepository;
import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Mailed one-time links: made here, stored as hashes, redeemed once. */
@ApplicationScoped
public class OneTimeTokens {

    private final OneTimeTokenRepository tokens;
    private final IdentityConfig config;

    OneTimeTokens(OneTimeTokenRepository tokens, IdentityConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    /** A new token; the caller mails it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(OneTimeToken.Purpose purpose, UUID credentialId, String newEmail) {
        String token = OpaqueTokens.newToken();
        Duration ttl = switch (purpose) {
            case ACTIVATE -> config.tokens().activationTtl();
            case RESET_PASSWORD -> config.tokens().passwordResetTtl();
            case VERIFY_EMAIL, CHANGE_EMAIL -> config.tokens().verifyEmailTtl();
        };
        OneTimeToken row = new OneTimeToken();
        row.tokenHash = OpaqueTokens.hash(token);
        row.purpose = purpose;
        row.credentialId = credentialId;
        row.newEmail = newEmail;
        row.createdAt = Timestamps.now();
        row.expiresAt = row.createdAt.plus(ttl);
        tokens.persist(row);
        return token;
    }

    /** Spends a token of one of {@code purposes}; 400 if it is unknown, used or expired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OneTimeToken redeem(String token, Set<OneTimeToken.Purpose> purposes) {
        OneTimeToken row = usable(tokens.findById(OpaqueTokens.hash(token), LockModeType.PESSIMISTIC_WRITE), purposes);
        row.usedAt = Timestamps.now();
        return row;
    }

    /** 400 unless the token could be redeemed now; spends nothing (to check before costly work). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(String token, Set<OneTimeToken.Purpose> purposes) {
        usable(tokens.findById(OpaqueTokens.hash(token)), purposes);
    }

    private static OneTimeToken usable(OneTimeToken row, Set<OneTimeToken.Purpose> purposes) {
        if (row == null || !purposes.contains(row.purpose) || !row.isUsable(Timestamps.now())) {
            throw new ProblemException(IdentityProblems.INVALID_TOKEN,
                    "This link is unknown, was used already or has expired.");
        }
        return row;
    }
}
