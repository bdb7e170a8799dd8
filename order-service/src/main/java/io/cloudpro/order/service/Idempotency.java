package io.cloudpro.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.repository.IdempotencyRepository;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Create requests sent with an {@code Idempotency-Key}: the first makes the resource, a repeat with
 * the same key and body gets the same resource, the same key with another body is refused. The key
 * is claimed in the transaction that makes the resource, so two concurrent repeats make one. Keys
 * are kept 24 hours.
 */
@ApplicationScoped
public class Idempotency {

    static final Duration KEPT = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyRepository keys;
    private final ObjectMapper json;

    Idempotency(IdempotencyRepository keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /**
     * Runs {@code create} once per key (in the caller's transaction) with the id the new resource is to
     * get, and returns what it made; a repeat with the same key and body gets the earlier resource
     * from {@code load}. Without a key it simply creates.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T once(Customer customer, String operation, String key, Object request, Function<UUID, T> create,
                      Function<UUID, T> load) {
        UUID id = UUID.randomUUID();
        if (key == null) {
            return create.apply(id);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        Optional<IdempotencyRepository.Earlier> earlier = keys.claim(customer.accountId(), operation, key, hash, id,
                Timestamps.now());
        if (earlier.isEmpty()) {
            return create.apply(id);
        }
        if (!earlier.get().requestHash().equals(hash)) {
            throw new ProblemException(OrderProblems.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with another request; use a new key for a new request.");
        }
        return load.apply(earlier.get().resourceId());
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldKeys() {
        keys.deleteOlderThan(Timestamps.now().minus(KEPT));
    }

    private String hash(Object request) {
        try {
            byte[] body = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a request", e);
        }
    }
}
