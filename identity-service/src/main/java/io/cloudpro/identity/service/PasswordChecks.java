package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.repository.LoginStore;
import io.cloudpro.identity.security.EmailHashes;
import io.cloudpro.identity.security.Networks;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Every check of a password against a stored hash - a login, or a confirmation when changing the
 * password or e-mail address or closing the account - goes through the same throttle and leaves
 * the same trace in the login history.
 * <p>
 * An attempt is reserved before the password is hashed: under a lock on the address and the client,
 * the throttle reads the history (attempts still being checked count as failures) and either
 * records a pending attempt or refuses with 429. So parallel attempts cannot slip past the limit -
 * forty at once for one address cost five password checks, not forty. The hash itself runs after
 * that transaction committed, holding no transaction and no database connection.
 */
@ApplicationScoped
public class PasswordChecks {

    private final LoginStore store;
    private final PasswordHasher hasher;
    private final EmailHashes emailHashes;
    private final LoginThrottle throttle;
    private final Duration newLocationWindow;

    PasswordChecks(LoginStore store, PasswordHasher hasher, EmailHashes emailHashes, IdentityConfig config) {
        this.store = store;
        this.hasher = hasher;
        this.emailHashes = emailHashes;
        this.throttle = new LoginThrottle(config.login());
        this.newLocationWindow = config.login().newLocationWindow();
    }

    /**
     * A checked password.
     *
     * @param login        the live login of the address, or null (unknown address)
     * @param matches      whether the password matches the login's hash
     * @param attempt      the reserved attempt, still PENDING; finish it with {@link #failed} or as part of a success
     * @param knownNetwork whether the login was used from the client's network within the new-location window
     */
    public record Checked(Credential login, boolean matches, LoginAttempt attempt, boolean knownNetwork) {
    }

    /**
     * Reserves an attempt, then hashes. Throttled attempts are refused with 429 and
     * {@code Retry-After} before any hash: the same answer for known and unknown addresses.
     */
    public Checked check(String email, String password, ClientInfo client, LoginAttempt.Purpose purpose) {
        String address = Emails.normalise(email);
        String emailHash = emailHashes.of(address);
        String network = Networks.of(client.ip());
        Instant now = Timestamps.now();
        Reservation reservation = QuarkusTransaction.requiringNew().call(() -> {
            LoginStore.Context context = store.lockAndReadContext(address, emailHash, now.minus(LoginThrottle.ADDRESS_WINDOW),
                    client.throttleKey(), now.minus(LoginThrottle.IP_WINDOW), network, now.minus(newLocationWindow),
                    throttle.maxChecksPerHour());
            Instant blockedUntil = throttle.blockedUntil(context.history(), now);
            LoginAttempt attempt = attempt(emailHash, context.login(), client, network, purpose, now,
                    blockedUntil == null ? LoginAttempt.Outcome.PENDING : LoginAttempt.Outcome.THROTTLED);
            store.insert(attempt);
            return new Reservation(context, attempt, blockedUntil);
        });
        if (reservation.blockedUntil() != null) {
            throw ProblemException.tooManyRequests(IdentityProblems.TOO_MANY_ATTEMPTS,
                    "Too many attempts for this address or from your network; wait before you try again.",
                    Duration.between(Instant.now(), reservation.blockedUntil()));
        }
        Credential login = reservation.context().login();
        // verify() against a null or unreadable hash still costs one full hash: an unknown address
        // takes as long as a wrong password.
        boolean matches = hasher.verify(password, login == null ? null : login.passwordHash);
        return new Checked(login, matches, reservation.attempt(), reservation.context().knownNetwork());
    }

    /** Records a failed check. */
    public void failed(Checked checked) {
        store.complete(checked.attempt().id, LoginAttempt.Outcome.FAILURE, false);
    }

    /** Records a successful password confirmation (a login records its success with its new session). */
    public void succeeded(Checked checked) {
        store.complete(checked.attempt().id, LoginAttempt.Outcome.SUCCESS, false);
    }

    private record Reservation(LoginStore.Context context, LoginAttempt attempt, Instant blockedUntil) {
    }

    private static LoginAttempt attempt(String emailHash, Credential login, ClientInfo client, String network,
                                        LoginAttempt.Purpose purpose, Instant now, LoginAttempt.Outcome outcome) {
        LoginAttempt attempt = new LoginAttempt();
        attempt.id = UUID.randomUUID();
        attempt.occurredAt = now;
        attempt.emailHash = emailHash;
        attempt.credentialId = login == null ? null : login.id;
        attempt.ip = client.ip();
        attempt.throttleKey = client.throttleKey();
        attempt.network = network;
        attempt.userAgent = client.userAgent();
        attempt.outcome = outcome;
        attempt.passwordChecked = outcome == LoginAttempt.Outcome.PENDING;
        attempt.purpose = purpose;
        return attempt;
    }
}
