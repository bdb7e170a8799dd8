package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.Complaint;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ComplaintRepository implements PanacheRepositoryBase<Complaint, UUID> {

    public Complaint lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Unanswered first, oldest first. */
    public List<Complaint> queue(int page, int size) {
        return find("ORDER BY CASE WHEN status = 'RECEIVED' THEN 0 ELSE 1 END, receivedAt").page(page, size).list();
    }

    public List<Complaint> ofLogin(UUID loginId) {
        return find("loginId = ?1 ORDER BY receivedAt DESC", loginId).list();
    }

    /** Complaints filed by one of the person's logins or from one of their addresses. */
    public List<Complaint> ofPerson(Collection<UUID> loginIds, Collection<String> emails) {
        return emails.isEmpty()
                ? find("loginId IN ?1 ORDER BY receivedAt", loginIds).list()
                : find("loginId IN ?1 OR email IN ?2 ORDER BY receivedAt", loginIds, emails).list();
    }
}
