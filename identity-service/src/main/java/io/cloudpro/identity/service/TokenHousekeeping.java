package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.repository.OneTimeTokenRepository;
import io.cloudpro.identity.repository.RefreshTokenRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Technical housekeeping: sessions, refresh tokens and mailed one-time tokens that ran out or were
 * spent serve no purpose and are deleted. (How long personal data is kept is retention's business;
 * these rows are the machinery of logging in.)
 */
@ApplicationScoped
public class TokenHousekeeping {

    private static final Logger LOG = Logger.getLogger(TokenHousekeeping.class);

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final OneTimeTokenRepository oneTimeTokens;
    private final IdentityConfig config;

    TokenHousekeeping(SessionRepository sessions, RefreshTokenRepository refreshTokens,
                      OneTimeTokenRepository oneTimeTokens, IdentityConfig config) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.oneTimeTokens = oneTimeTokens;
        this.config = config;
    }

    /** What one run deleted. */
    public record Removed(long sessions, long refreshTokens, long oneTimeTokens) {
    }

    @Scheduled(every = "${identity.housekeeping-interval:1h}", delayed = "3m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Removed removed = removeSpentAndExpired();
        if (removed.sessions() + removed.refreshTokens() + removed.oneTimeTokens() > 0) {
            LOG.infof("Housekeeping deleted %d ended sessions, %d spent or expired refresh tokens and %d one-time tokens",
                    removed.sessions(), removed.refreshTokens(), removed.oneTimeTokens());
        }
    }

    @Transactional
    public Removed removeSpentAndExpired() {
        Instant now = Timestamps.now();
        // A spent refresh token is kept a day: presented again, it still reveals a stolen copy.
        long tokens = refreshTokens.deleteSpentOrExpired(now, now.minus(java.time.Duration.ofDays(1)));
        // A revoked session is kept while its access tokens could still be presented.
        long ended = sessions.deleteEnded(now, now.minus(config.jwt().accessTokenTtl()).minus(Sessions.VERIFIER_CLOCK_SKEW));
        long oneTime = oneTimeTokens.deleteUsedOrExpired(now);
        return new Removed(ended, tokens, oneTime);
    }
}
