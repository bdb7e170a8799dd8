package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * argon2id password hashing in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), so that a stored hash names its own
 * parameters and can be re-hashed at login when the configured ones change.
 * <p>
 * Each hash takes {@code memoryKib} of memory and tens of milliseconds of one core; a semaphore
 * lets only as many run at once as there are cores, so a flood of logins queues instead of
 * exhausting memory.
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
    private final Semaphore slots;
    private final SecureRandom random = new SecureRandom();
    /** A hash of a random password, compared against when there is no real one, to take the same time. */
    private final String decoy;

    PasswordHasher(IdentityConfig config) {
        IdentityConfig.Password p = config.password();
        if (p.memoryKib() < 19456 || p.iterations() < 2 || p.parallelism() < 1) {
            throw new IllegalStateException("argon2id parameters below the OWASP minimum (19 MiB, 2 iterations)");
        }
        this.memoryKib = p.memoryKib();
        this.iterations = p.iterations();
        this.parallelism = p.parallelism();
        this.maxWaitMillis = p.maxWait().toMillis();
        this.slots = new Semaphore(p.maxConcurrentHashes().orElse(Runtime.getRuntime().availableProcessors()), true);
        byte[] randomPassword = new byte[24];
        random.nextBytes(randomPassword);
        this.decoy = hash(B64.encodeToString(randomPassword));
    }

    /** A new PHC string for {@code password} with the configured parameters and a fresh salt. */
    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism);
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
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification without a real hash (unknown address, locked login). */
    public void verifyNothing(String password) {
        verify(password, decoy);
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

    private byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism) {
        acquireSlot();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memory)
                    .withIterations(iterations)
                    .withParallelism(parallelism)
                    .withSalt(salt)
                    .build());
            byte[] out = new byte[32];
            generator.generateBytes(password.toCharArray(), out);
            return out;
        } finally {
            slots.release();
        }
    }

    private void acquireSlot() {
        try {
            if (!slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                throw new ProblemException(BUSY, "Too many logins at once; try again in a few seconds.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(BUSY, "Interrupted while waiting; try again.");
        }
    }
}
