package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * argon2id password hashing in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), so that a stored hash names its own
 * parameters and can be re-hashed at login when the configured ones change.
 * <p>
 * Each hash takes {@code memoryKib} of memory and tens of milliseconds of one core. A fixed pool
 * of {@link Argon2id} instances - one per core by default - lets only that many run at once, so a
 * flood of logins queues instead of exhausting memory, and each instance keeps its memory for the
 * next hash instead of making garbage. {@code identity_password_hash_seconds} times the hashing,
 * {@code identity_password_hash_wait_seconds} the queueing.
 * <p>
 * A hash never runs inside a database transaction: it would hold a pooled connection (and any row
 * locks) for tens of milliseconds per login. The hasher refuses to, so that a code path that does
 * it fails in the tests rather than slowly in production.
 */
@ApplicationScoped
public class PasswordHasher {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final ProblemType BUSY = ProblemType.of("busy", 503, "Too busy");

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final long maxWaitMillis;
    private final BlockingQueue<Argon2id> pool;
    private final SecureRandom random = new SecureRandom();
    private final Timer hashTimer;
    private final Timer waitTimer;
    /** A hash of nothing, compared against when there is no real one, to take the same time. */
    private final String decoy;
    private final TransactionManager transactions;

    PasswordHasher(IdentityConfig config, MeterRegistry meters, TransactionManager transactions) {
        this.transactions = transactions;
        IdentityConfig.Password p = config.password();
        this.hashTimer = Timer.builder("identity.password.hash").description("argon2id computation").register(meters);
        this.waitTimer = Timer.builder("identity.password.hash.wait").description("wait for a hashing slot").register(meters);
        if (p.memoryKib() < 19456 || p.iterations() < 2 || p.parallelism() < 1) {
            throw new IllegalStateException("argon2id parameters below the OWASP minimum (19 MiB, 2 iterations)");
        }
        this.memoryKib = p.memoryKib();
        this.iterations = p.iterations();
        this.parallelism = p.parallelism();
        this.maxWaitMillis = p.maxWait().toMillis();
        int slots = p.maxConcurrentHashes().orElse(Runtime.getRuntime().availableProcessors());
        this.pool = new ArrayBlockingQueue<>(slots, true);
        for (int i = 0; i < slots; i++) {
            pool.add(new Argon2id()); // memory is allocated at first use
        }
        // a well-formed hash of nothing: verifying against it costs exactly what a real one costs
        byte[] salt = new byte[16];
        byte[] nothing = new byte[32];
        random.nextBytes(salt);
        random.nextBytes(nothing);
        this.decoy = "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(nothing);
    }

    /** A new PHC string for {@code password} with the configured parameters and a fresh salt. */
    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code phc}; a null or unreadable hash never matches but costs the same. */
    public boolean verify(String password, String phc) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            verify(password, decoy);
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = argon2(password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code phc} was made with other parameters than the configured ones. */
    public boolean needsRehash(String phc) {
        Matcher m = PHC.matcher(phc);
        return !m.matches() || Integer.parseInt(m.group(1)) != memoryKib
                || Integer.parseInt(m.group(2)) != iterations || Integer.parseInt(m.group(3)) != parallelism;
    }

    /** The configured cost as a PHC parameter string, e.g. "m=19456,t=2,p=1". */
    public String parameters() {
        return "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism;
    }

    private byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        requireNoTransaction();
        long waitStart = System.nanoTime();
        Argon2id argon2 = takeFromPool();
        long start = System.nanoTime();
        waitTimer.record(start - waitStart, TimeUnit.NANOSECONDS);
        try {
            return argon2.hash(password.getBytes(StandardCharsets.UTF_8), salt, memory, iterations, parallelism, length);
        } finally {
            pool.add(argon2);
            hashTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void requireNoTransaction() {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                throw new IllegalStateException("a password hash was about to run inside a database transaction");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private Argon2id takeFromPool() {
        try {
            Argon2id argon2 = pool.poll(maxWaitMillis, TimeUnit.MILLISECONDS);
            if (argon2 == null) {
                throw new ProblemException(BUSY, "Too many logins at once; try again in a few seconds.");
            }
            return argon2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(BUSY, "Interrupted while waiting; try again.");
        }
    }
}
