package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.domain.RequestType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RequestRepository implements PanacheRepositoryBase<DsrRequest, UUID> {

    private static final List<RequestStatus> OPEN = List.of(RequestStatus.RECEIVED, RequestStatus.AWAITING_DECISION,
            RequestStatus.IN_PROGRESS);

    public DsrRequest lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<DsrRequest> ofLogin(UUID loginId, int page, int size) {
        return find("loginId = ?1 ORDER BY receivedAt DESC", loginId).page(page, size).list();
    }

    public long countOfLogin(UUID loginId) {
        return count("loginId", loginId);
    }

    /** An open request of the same type from the same address, which a repeated request joins. */
    public Optional<DsrRequest> openDuplicate(String email, RequestType type) {
        return find("email = ?1 AND type = ?2 AND status IN ?3 ORDER BY receivedAt", email, type, OPEN).firstResultOptional();
    }

    /** The queue: open requests, the closest deadline first. */
    public List<DsrRequest> queue(boolean openOnly, int page, int size) {
        return (openOnly
                ? find("status IN ?1 ORDER BY COALESCE(extendedTo, dueOn), receivedAt", OPEN)
                : find("ORDER BY COALESCE(extendedTo, dueOn) DESC, receivedAt DESC"))
                .page(page, size).list();
    }

    public long countQueue(boolean openOnly) {
        return openOnly ? count("status IN ?1", OPEN) : count();
    }

    /**
     * Requests whose subject has not been looked up yet, oldest first: received ones, and ones the
     * officer refused before the lookup (their refusal still has to be mailed).
     */
    public List<UUID> awaitingLookup(int limit) {
        return find("subject IS NULL AND status IN ?1 ORDER BY receivedAt",
                List.of(RequestStatus.RECEIVED, RequestStatus.REFUSED)).page(0, limit).list()
                .stream().map(r -> r.id).toList();
    }

    public List<UUID> overdueNotRemindedOn(LocalDate today, int limit) {
        return find("status IN ?1 AND COALESCE(extendedTo, dueOn) < ?2 AND (remindedOn IS NULL OR remindedOn < ?2)"
                + " ORDER BY COALESCE(extendedTo, dueOn)", OPEN, today).page(0, limit).list()
                .stream().map(r -> r.id).toList();
    }

    public List<UUID> restrictionsToLift(Instant now, int limit) {
        return find("liftRestrictionAt <= ?1 ORDER BY liftRestrictionAt", now).page(0, limit).list()
                .stream().map(r -> r.id).toList();
    }

    /** Requests about the person (any of their ids) or filed from one of their addresses. */
    public List<DsrRequest> ofPerson(Collection<UUID> ids, Collection<String> emails) {
        return emails.isEmpty()
                ? find("subjectId IN ?1 OR loginId IN ?1 ORDER BY receivedAt", ids).list()
                : find("subjectId IN ?1 OR loginId IN ?1 OR email IN ?2 ORDER BY receivedAt", ids, emails).list();
    }

    /**
     * Minimises at most {@code limit} requests that closed before {@code before}: who made them and
     * everything written in them goes, also from the commands sent for them (their subject ids) and the
     * answers kept; type, dates and status stay as the statistics of compliance. Requests of held
     * subjects stay. How many.
     */
    public int anonymiseClosedBatch(Instant before, Collection<UUID> kept, int limit) {
        return ((Number) getEntityManager().createNativeQuery("""
                        WITH minimised AS (
                            UPDATE dsr_request SET email = NULL, login_id = NULL, subject_id = NULL, subject = NULL,
                                   details = NULL, requested_changes = NULL, extension_reasons = NULL,
                                   refusal_explanation = NULL, decision = NULL, outcome = NULL, anonymised_at = now()
                             WHERE id IN (SELECT id FROM dsr_request
                                           WHERE completed_at < ?1 AND anonymised_at IS NULL
                                             AND (subject_id IS NULL OR NOT subject_id = ANY(?2))
                                             AND (login_id IS NULL OR NOT login_id = ANY(?2))
                                           ORDER BY completed_at LIMIT ?3)
                            RETURNING id),
                        commands AS (
                            UPDATE request_command
                               SET command = jsonb_set(command::jsonb, '{subject}', jsonb_build_object('subjectId', request_id))::text
                             WHERE request_id IN (SELECT id FROM minimised)
                            RETURNING command_id),
                        answers AS (
                            UPDATE command_participant SET result = NULL, export = NULL
                             WHERE command_id IN (SELECT command_id FROM commands))
                        SELECT count(*) FROM minimised""")
                .setParameter(1, before)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .getSingleResult()).intValue();
    }

    /** Requests received since {@code since}, per month ({@code YYYY-MM}) and type: rows of month, type, count. */
    public List<Object[]> receivedPerMonthAndType(LocalDate since) {
        return getEntityManager().createNativeQuery("""
                        SELECT to_char(received_on, 'YYYY-MM'), type, count(*) FROM dsr_request
                         WHERE received_on >= ?1 GROUP BY 1, 2 ORDER BY 1, 2""")
                .setParameter(1, since).getResultList();
    }

    /**
     * Requests answered since {@code since} (Amsterdam dates), per month of the answer:
     * rows of month, answered, the median days from receipt to answer, and how many after their deadline.
     */
    public List<Object[]> answeredPerMonth(LocalDate since) {
        return getEntityManager().createNativeQuery("""
                        SELECT to_char(answered, 'YYYY-MM'), count(*),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY answered - received_on),
                               count(*) FILTER (WHERE answered > COALESCE(extended_to, due_on))
                          FROM (SELECT (completed_at AT TIME ZONE 'Europe/Amsterdam')::date AS answered, received_on,
                                       due_on, extended_to
                                  FROM dsr_request WHERE completed_at IS NOT NULL) answers
                         WHERE answered >= ?1 GROUP BY 1 ORDER BY 1""")
                .setParameter(1, since).getResultList();
    }
}
