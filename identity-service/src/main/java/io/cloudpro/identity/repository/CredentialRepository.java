package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.Credential;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CredentialRepository implements PanacheRepositoryBase<Credential, UUID> {

    /** The live login for an address (closed and revoked ones no longer hold it). */
    public Optional<Credential> findLiveByEmail(String email) {
        return find("email = ?1 AND status NOT IN (?2, ?3)", email, Credential.Status.REVOKED, Credential.Status.CLOSED)
                .firstResultOptional();
    }

    public Optional<Credential> findOwner(UUID accountId) {
        return find("accountId = ?1 AND kind = ?2", accountId, Credential.Kind.OWNER).firstResultOptional();
    }

    public List<Credential> findByAccount(UUID accountId) {
        return list("accountId", accountId);
    }

    public List<Credential> findMembers(UUID accountId) {
        return list("accountId = ?1 AND kind = ?2 AND status <> ?3 ORDER BY createdAt", accountId,
                Credential.Kind.MEMBER, Credential.Status.REVOKED);
    }

    public List<Credential> findStaff() {
        return list("kind = ?1 AND status <> ?2 ORDER BY lastName, firstName", Credential.Kind.STAFF,
                Credential.Status.REVOKED);
    }

    /** Account owners who never confirmed their address and registered before {@code cutoff}. */
    public List<Credential> unconfirmedOwnersBefore(Instant cutoff, int limit) {
        return find("kind = ?1 AND emailVerified = false AND createdAt < ?2 AND status <> ?3 ORDER BY createdAt",
                Credential.Kind.OWNER, cutoff, Credential.Status.CLOSED).page(0, limit).list();
    }

    /**
     * Serialises changes to who is an admin until the transaction ends, so that two admins
     * removing each other at the same moment cannot both see "another admin remains".
     */
    public void lockAdminChanges() {
        getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)")
                .setParameter(1, ADMIN_CHANGES_LOCK)
                .getResultList();
    }

    private static final long ADMIN_CHANGES_LOCK = 0x1DAD_0001L;

    /** Live staff holding {@code role}. */
    public long countStaffWithRole(String role) {
        return find("kind = ?1 AND status IN (?2, ?3)", Credential.Kind.STAFF, Credential.Status.ACTIVE,
                Credential.Status.PENDING).stream().filter(c -> c.roleSet().contains(role)).count();
    }
}
