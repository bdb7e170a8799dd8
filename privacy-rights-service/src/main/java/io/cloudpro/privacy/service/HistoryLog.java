package io.cloudpro.privacy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.HistoryEntry;
import io.cloudpro.privacy.repository.HistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The tamper-evident history of requests, complaints and decisions (GDPR art. 5(2): the company
 * must be able to prove what it did). One chain: every entry carries the SHA-256 of the entry before
 * it and a hash over its own fields and that one, so that changing, inserting or removing an entry
 * breaks the chain from there on. Entries hold ids, codes and dates only - free text stays in the
 * request, where it can be minimised without breaking the chain.
 */
@ApplicationScoped
public class HistoryLog {

    /** The "previous hash" of the first entry. */
    static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 1000;

    private final HistoryRepository history;
    private final ObjectMapper json;

    HistoryLog(HistoryRepository history, ObjectMapper json) {
        this.history = history;
        this.json = json;
    }

    /** Who did something: the person, an officer, the service itself, or a participant. */
    public static final String REQUESTER = "requester";
    public static final String SYSTEM = "system";

    public static String officer(UUID loginId) {
        return "officer:" + loginId;
    }

    /** Appends one entry in the caller's transaction; appends are serialised, so the chain never forks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry append(UUID requestId, UUID complaintId, String kind, String actor, Map<String, ?> details) {
        history.lockChain();
        HistoryEntry previous = history.last().orElse(null);
        HistoryEntry entry = new HistoryEntry();
        entry.seq = previous == null ? 1 : previous.seq + 1;
        entry.requestId = requestId;
        entry.complaintId = complaintId;
        entry.kind = kind;
        entry.actor = actor;
        entry.details = canonical(details);
        entry.recordedAt = Timestamps.now();
        entry.previousHash = previous == null ? GENESIS : previous.hash;
        entry.hash = hash(entry);
        history.persist(entry);
        return entry;
    }

    public HistoryEntry forRequest(UUID requestId, String kind, String actor, Map<String, ?> details) {
        return append(requestId, null, kind, actor, details);
    }

    public HistoryEntry forComplaint(UUID complaintId, String kind, String actor, Map<String, ?> details) {
        return append(null, complaintId, kind, actor, details);
    }

    @Transactional
    public List<HistoryEntry> ofRequest(UUID requestId) {
        return history.ofRequest(requestId);
    }

    @Transactional
    public List<HistoryEntry> ofComplaint(UUID complaintId) {
        return history.ofComplaint(complaintId);
    }

    /** An entry's details as a map, for showing it. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> details(HistoryEntry entry) {
        try {
            return json.readValue(entry.details, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a history entry's details are not JSON", e);
        }
    }

    /** The result of checking the whole chain. */
    public record Verification(boolean intact, long entries, String lastHash, Long firstBrokenSeq, String problem,
                               Instant checkedAt) {
    }

    /** Walks the whole chain in order and recomputes every hash. */
    @Transactional
    public Verification verify() {
        String expectedPrevious = GENESIS;
        long expectedSeq = 1;
        long count = 0;
        long after = 0;
        List<HistoryEntry> batch;
        do {
            batch = history.after(after, BATCH);
            for (HistoryEntry entry : batch) {
                String problem = entry.seq != expectedSeq ? "entry " + expectedSeq + " is missing"
                        : !entry.previousHash.equals(expectedPrevious) ? "does not follow the entry before it"
                        : !entry.hash.equals(hash(entry)) ? "its content does not match its hash" : null;
                if (problem != null) {
                    return new Verification(false, count, expectedPrevious, entry.seq, problem, Timestamps.now());
                }
                expectedPrevious = entry.hash;
                expectedSeq++;
                count++;
                after = entry.seq;
            }
            history.getEntityManager().clear();
        } while (batch.size() == BATCH);
        return new Verification(true, count, expectedPrevious, null, null, Timestamps.now());
    }

    /** Hands every entry, in order, to {@code sink} (an export for a regulator), a batch at a time. */
    @Transactional
    public void forEach(Consumer<HistoryEntry> sink) {
        long after = 0;
        List<HistoryEntry> batch;
        do {
            batch = history.after(after, BATCH);
            for (HistoryEntry entry : batch) {
                sink.accept(entry);
                after = entry.seq;
            }
            history.getEntityManager().clear();
        } while (batch.size() == BATCH);
    }

    /** SHA-256 over the entry's fields, one per line, and the hash before it. */
    static String hash(HistoryEntry entry) {
        String content = String.join("\n", Long.toString(entry.seq), String.valueOf(entry.requestId),
                String.valueOf(entry.complaintId), entry.kind, entry.actor, entry.details, entry.recordedAt.toString(),
                entry.previousHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Details as JSON with sorted keys, so that the same details always hash alike. */
    private String canonical(Map<String, ?> details) {
        try {
            return json.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history details must be JSON", e);
        }
    }
}
