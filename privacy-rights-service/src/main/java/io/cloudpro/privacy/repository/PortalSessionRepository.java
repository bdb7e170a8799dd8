package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.PortalSession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.LockOptions;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class PortalSessionRepository implements PanacheRepositoryBase<PortalSession, byte[]> {

    /**
     * The session, locked: two pages loading at once must not both spend its refresh token. A page
     * waits at most a few seconds for another's refresh; then it fails rather than hold a connection.
     */
    public PortalSession lock(byte[] idHash) {
        return getEntityManager().find(PortalSession.class, idHash, LockModeType.PESSIMISTIC_WRITE,
                Map.of("jakarta.persistence.lock.timeout", 5000));
    }

    /** A person's sessions, by their logins only: a member's session is the member's, not the account owner's. */
    public List<PortalSession> ofPeople(Collection<UUID> ids) {
        return list("loginId IN ?1 ORDER BY createdAt", ids);
    }

    public long deleteOfPeople(Collection<UUID> ids) {
        return delete("loginId IN ?1", ids);
    }

    /** Sessions whose refresh token has expired: nothing of them is left to end at identity-service. */
    public long deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }

    /**
     * Up to {@code limit} sessions unused since {@code idleSince} whose refresh token still works,
     * locked; rows a page holds right now are skipped.
     */
    public List<PortalSession> lockIdle(Instant now, Instant idleSince, int limit) {
        return find("expiresAt > ?1 AND lastSeenAt <= ?2 ORDER BY lastSeenAt", now, idleSince)
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .page(0, limit).list();
    }
}
