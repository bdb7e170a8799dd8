package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.events.IncomingEvent;
import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one privacy command against this service's participant and publishes the result through
 * the outbox, in the transaction that marks the command's event as handled. A command sent again
 * (a retry for a participant that looked silent) finds its stored result and gets it again,
 * without a second effect. Erasures and purges are also written to the erasure log.
 */
@ApplicationScoped
public class PrivacyCommandHandler {

    private static final Logger LOG = Logger.getLogger(PrivacyCommandHandler.class);

    private final PrivacyParticipant participant;
    private final PrivacyCatalogues catalogues;
    private final PrivacyExports exports;
    private final PrivacyCorrections corrections;
    private final LegalHolds holds;
    private final ErasureLog erasureLog;
    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Purges purges;

    PrivacyCommandHandler(PrivacyParticipant participant, PrivacyCatalogues catalogues, PrivacyExports exports,
                          PrivacyCorrections corrections, LegalHolds holds, ErasureLog erasureLog, EventOutbox outbox, EntityManager entityManager,
                          ObjectMapper json, Purges purges) {
        this.purges = purges;
        this.participant = participant;
        this.catalogues = catalogues;
        this.exports = exports;
        this.corrections = corrections;
        this.holds = holds;
        this.erasureLog = erasureLog;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(IncomingEvent event) {
        PrivacyCommand command = event.dataAs(PrivacyCommand.class, json);
        if (!command.isFor(catalogues.service())) {
            return;
        }
        String subjectKey = command.subject().subjectId().toString();
        Optional<String> earlier = storedResult(command);
        if (earlier.isPresent()) {
            outbox.publish(PrivacyTopics.RESULTS, command.kind().resultType(), subjectKey, read(earlier.get()));
            return;
        }
        Map<String, String> corrections = Map.of();
        if (command.kind() == PrivacyCommand.Kind.RECTIFY) {
            Optional<Map<String, String>> delivered = this.corrections.take(command.commandId());
            if (delivered.isEmpty()) {
                // not delivered yet: no answer now; privacy-rights-service delivers them and sends the command again
                LOG.warnf("Rectification %s arrived before its corrections; waiting for them", command.commandId());
                return;
            }
            corrections = delivered.get();
        }
        PrivacyResult result = run(command, corrections, Timestamps.now());
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_command_result (command_id, kind, result, handled_at) VALUES (?1, ?2, ?3, ?4)""")
                .setParameter(1, command.commandId())
                .setParameter(2, command.kind().name())
                .setParameter(3, write(result))
                .setParameter(4, result.completedAt())
                .executeUpdate();
        outbox.publish(PrivacyTopics.RESULTS, command.kind().resultType(), subjectKey, result);
        LOG.infof("Privacy command %s (%s) for subject %s answered: %d categories, %d records withheld",
                command.commandId(), command.kind(), subjectKey, result.categories().size(), result.withheld().size());
    }

    private PrivacyResult run(PrivacyCommand command, Map<String, String> corrections, Instant now) {
        Subject subject = command.subject();
        return switch (command.kind()) {
            case EXPORT -> {
                PrivacyParticipant.Export export = participant.export(subject);
                PrivacyResult.ExportRef ref = null;
                if (!export.data().isEmpty()) {
                    String document = write(new ExportDocument(catalogues.service(), subject.subjectId(), now, export.data()));
                    var id = exports.store(command.commandId(), document, now);
                    ref = new PrivacyResult.ExportRef(id, catalogues.baseUrl() + "/api/v1/privacy/exports/" + id,
                            document.length());
                }
                yield result(command, now, export.categories(), List.of(), List.of(), List.of(), ref);
            }
            case ERASE -> {
                PrivacyParticipant.Erasure erasure = participant.erase(subject, holds, now);
                if (!erasure.categories().isEmpty()) {
                    erasureLog.record(catalogues.service(), subject, erasure, now, command.commandId());
                }
                yield result(command, now, erasure.categories(), erasure.withheld(), List.of(), erasure.recipientsToInform(), null);
            }
            case RESTRICT, LIFT_RESTRICTION -> result(command, now,
                    participant.restrict(subject, command.kind() == PrivacyCommand.Kind.RESTRICT), List.of(), List.of(), List.of(), null);
            case RECTIFY -> {
                PrivacyParticipant.Rectification rectification = participant.rectify(subject, corrections);
                yield result(command, now, rectification.categories(), List.of(), rectification.changedFields(),
                        rectification.recipientsToInform(), null);
            }
            case OBJECT -> result(command, now, participant.object(subject, command.processing(), command.upheld()),
                    List.of(), List.of(), List.of(), null);
            case PURGE -> {
                PrivacyResult receipt = purges.run(command, now);
                if (receipt.categories().stream().anyMatch(c -> c.outcome() == PrivacyResult.Outcome.PURGED && c.count() > 0)) {
                    erasureLog.recordPurge(catalogues.service(), command, now);
                }
                yield receipt;
            }
        };
    }

    private PrivacyResult result(PrivacyCommand command, Instant now, List<CategoryOutcome> categories,
                                 List<PrivacyResult.Withheld> withheld, List<String> changedFields,
                                 List<Catalogue.Recipient> recipients, PrivacyResult.ExportRef export) {
        return result(command, catalogues.service(), now, categories, withheld, changedFields, recipients, export);
    }

    static PrivacyResult result(PrivacyCommand command, String service, Instant now, List<CategoryOutcome> categories,
                                List<PrivacyResult.Withheld> withheld, List<String> changedFields,
                                List<Catalogue.Recipient> recipients, PrivacyResult.ExportRef export) {
        boolean found = categories.stream().anyMatch(c -> c.count() > 0) || !withheld.isEmpty();
        return new PrivacyResult(command.commandId(), command.requestId(), command.kind(), service,
                command.subject().subjectId(), found, categories, withheld, changedFields, recipients, export,
                command.cutoff(), now);
    }

    /** What an export holds: the service, the subject, when, and the data per category. */
    public record ExportDocument(String service, java.util.UUID subjectId, Instant exportedAt, Map<String, Object> data) {
    }

    private Optional<String> storedResult(PrivacyCommand command) {
        List<?> rows = entityManager.createNativeQuery("SELECT result FROM privacy_command_result WHERE command_id = ?1")
                .setParameter(1, command.commandId())
                .getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a privacy result as JSON", e);
        }
    }

    private PrivacyResult read(String value) {
        try {
            return json.readValue(value, PrivacyResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored privacy result", e);
        }
    }
}
