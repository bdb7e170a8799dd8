package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.HistoryEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class HistoryRepository implements PanacheRepositoryBase<HistoryEntry, Long> {

    /** Serialises appends to the chain for the rest of the transaction (one chain, one writer at a time). */
    public void lockChain() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7265031)").getSingleResult();
    }

    public Optional<HistoryEntry> last() {
        return find("ORDER BY seq DESC").firstResultOptional();
    }

    public List<HistoryEntry> ofRequest(UUID requestId) {
        return list("requestId = ?1 ORDER BY seq", requestId);
    }

    public List<HistoryEntry> ofComplaint(UUID complaintId) {
        return list("complaintId = ?1 ORDER BY seq", complaintId);
    }

    /** A slice of the whole chain, in order, for verifying or exporting it without loading it all. */
    public List<HistoryEntry> after(long seq, int limit) {
        return find("seq > ?1 ORDER BY seq", seq).page(0, limit).list();
    }
}
