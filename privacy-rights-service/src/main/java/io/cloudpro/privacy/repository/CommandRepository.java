package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.RequestCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.LockOptions;

import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Collection;
import java.util.UUID;

/** The commands sent for requests and every participant's part in them. */
@ApplicationScoped
public class CommandRepository {

    private final EntityManager entityManager;

    CommandRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void persist(RequestCommand command) {
        entityManager.persist(command);
    }

    public void persist(CommandParticipant participant) {
        entityManager.persist(participant);
    }

    public RequestCommand command(UUID commandId) {
        return entityManager.find(RequestCommand.class, commandId);
    }

    public List<RequestCommand> commandsOf(UUID requestId) {
        return entityManager.createQuery("FROM RequestCommand WHERE requestId = ?1 ORDER BY issuedAt", RequestCommand.class)
                .setParameter(1, requestId).getResultList();
    }

    public CommandParticipant lockParticipant(UUID commandId, String service) {
        return entityManager.find(CommandParticipant.class, new CommandParticipant.Key(commandId, service),
                LockModeType.PESSIMISTIC_WRITE);
    }

    public List<CommandParticipant> participantsOf(UUID commandId) {
        return entityManager.createQuery("FROM CommandParticipant WHERE commandId = ?1 ORDER BY service", CommandParticipant.class)
                .setParameter(1, commandId).getResultList();
    }

    /** Participants of the request's commands, every command's in issue order. */
    public List<CommandParticipant> participantsOfRequest(UUID requestId) {
        return entityManager.createQuery("""
                        SELECT p FROM CommandParticipant p, RequestCommand c
                         WHERE p.commandId = c.commandId AND c.requestId = ?1 ORDER BY c.issuedAt, p.service""",
                        CommandParticipant.class)
                .setParameter(1, requestId).getResultList();
    }

    /** Per request, the services that have not answered one of its commands yet, in one query for a page of requests. */
    public Map<UUID, List<String>> silentServicesOfRequests(Collection<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<String>> silent = new HashMap<>();
        entityManager.createQuery("""
                        SELECT DISTINCT c.requestId, p.service FROM CommandParticipant p, RequestCommand c
                         WHERE p.commandId = c.commandId AND c.requestId IN ?1 AND p.answeredAt IS NULL
                         ORDER BY p.service""", Object[].class)
                .setParameter(1, requestIds).getResultList()
                .forEach(row -> silent.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((String) row[1]));
        return silent;
    }

    /**
     * Silent participants whose next retry is due, locked for the rest of the transaction; rows another
     * transaction holds (an answer being recorded) are skipped.
     */
    public List<CommandParticipant> lockSilentDue(Instant now, int limit) {
        return entityManager.createQuery("""
                        FROM CommandParticipant WHERE answeredAt IS NULL AND nextRetryAt <= ?1 ORDER BY nextRetryAt""",
                        CommandParticipant.class)
                .setParameter(1, now).setMaxResults(limit)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .getResultList();
    }

    /** Participants of open requests whose command waits for its corrections to be delivered first. */
    public List<CommandParticipant> undelivered(int limit) {
        return entityManager.createQuery("""
                        SELECT p FROM CommandParticipant p, RequestCommand c, DsrRequest r
                         WHERE p.commandId = c.commandId AND c.requestId = r.id
                           AND r.status = io.cloudpro.privacy.domain.RequestStatus.IN_PROGRESS
                           AND p.attempts = 0 AND p.answeredAt IS NULL ORDER BY p.sentAt""", CommandParticipant.class)
                .setMaxResults(limit).getResultList();
    }

    /** Answered export parts of requests in progress whose data has not been fetched yet. */
    public List<CommandParticipant> exportsToFetch(int limit) {
        return entityManager.createQuery("""
                        SELECT p FROM CommandParticipant p, RequestCommand c, DsrRequest r
                         WHERE p.commandId = c.commandId AND c.requestId = r.id
                           AND r.status = io.cloudpro.privacy.domain.RequestStatus.IN_PROGRESS
                           AND p.answeredAt IS NOT NULL AND p.export IS NULL AND p.result LIKE '%"export":{%'
                         ORDER BY p.answeredAt""", CommandParticipant.class)
                .setMaxResults(limit).getResultList();
    }

    public void delete(CommandParticipant participant) {
        entityManager.remove(participant);
    }

    /** Requests in progress whose every participant has answered. */
    public List<UUID> requestsAllAnswered(int limit) {
        return entityManager.createQuery("""
                        SELECT r.id FROM DsrRequest r WHERE r.status = io.cloudpro.privacy.domain.RequestStatus.IN_PROGRESS
                           AND NOT EXISTS (SELECT 1 FROM RequestCommand c, CommandParticipant p
                                            WHERE c.requestId = r.id AND p.commandId = c.commandId AND p.answeredAt IS NULL)
                         ORDER BY r.receivedAt""", UUID.class)
                .setMaxResults(limit).getResultList();
    }

    /** A refused request's silent participants are not asked again. */
    public void stopRetries(UUID requestId) {
        entityManager.createQuery("""
                        UPDATE CommandParticipant p SET p.nextRetryAt = NULL
                         WHERE p.answeredAt IS NULL
                           AND p.commandId IN (SELECT c.commandId FROM RequestCommand c WHERE c.requestId = ?1)""")
                .setParameter(1, requestId).executeUpdate();
    }

    /** Forgets the exported data of a request once its package is built. */
    public void dropExports(UUID requestId) {
        entityManager.createQuery("""
                        UPDATE CommandParticipant p SET p.export = '{}'
                         WHERE p.commandId IN (SELECT c.commandId FROM RequestCommand c WHERE c.requestId = ?1)
                           AND p.export IS NOT NULL""")
                .setParameter(1, requestId).executeUpdate();
    }
}
