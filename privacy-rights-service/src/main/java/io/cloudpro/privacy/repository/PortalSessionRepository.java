package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.PortalSession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PortalSessionRepository implements PanacheRepositoryBase<PortalSession, byte[]> {

    /** The session, locked: two pages loading at once must not both spend its refresh token. */
    public PortalSession lock(byte[] idHash) {
        return findById(idHash, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<PortalSession> ofPeople(Collection<UUID> ids) {
        return list("loginId IN ?1 OR accountId IN ?1 ORDER BY createdAt", ids);
    }

    public long deleteOfPeople(Collection<UUID> ids) {
        return delete("loginId IN ?1 OR accountId IN ?1", ids);
    }

    /** Sessions past their end, or unused since {@code idleSince}. */
    public long deleteEnded(Instant now, Instant idleSince) {
        return delete("expiresAt <= ?1 OR lastSeenAt <= ?2", now, idleSince);
    }
}
