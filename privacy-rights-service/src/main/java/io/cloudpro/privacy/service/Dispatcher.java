package io.cloudpro.privacy.service;

import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestCommand;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.privacy.repository.CommandRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a request's command to every participant - each service that declared personal data - and
 * sends it again to those that stay silent, with growing pauses. The same command id every time: a
 * participant that got it twice answers twice alike, with one effect.
 */
@ApplicationScoped
public class Dispatcher {

    private final CatalogueRegistry registry;
    private final CommandRepository commands;
    private final PrivacyRightsEvents events;
    private final HistoryLog history;
    private final Json json;
    private final Duration retryAfter;
    private final Duration maxRetryInterval;

    Dispatcher(CatalogueRegistry registry, CommandRepository commands, PrivacyRightsEvents events, HistoryLog history,
               Json json, PrivacyRightsConfig config) {
        this.registry = registry;
        this.commands = commands;
        this.events = events;
        this.history = history;
        this.json = json;
        this.retryAfter = config.participants().retryAfter();
        this.maxRetryInterval = config.participants().maxRetryInterval();
    }

    /** What a command carries besides its kind and subject (ids and codes only). */
    public record Arguments(String processing, Boolean upheld) {
        public static final Arguments NONE = new Arguments(null, null);
    }

    /** Sends {@code kind} for the request to every participant; throws when no participant is known yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RequestCommand send(DsrRequest request, PrivacyCommand.Kind kind, Arguments arguments) {
        List<String> participants = registry.participants();
        if (participants.isEmpty()) {
            throw new IllegalStateException("no participant has published its catalogue yet");
        }
        return send(request, kind, arguments, participants);
    }

    /** Sends {@code kind} for the request to the given participants only (a command issued anew to one of them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public RequestCommand send(DsrRequest request, PrivacyCommand.Kind kind, Arguments arguments, List<String> participants) {
        Instant now = Timestamps.now();
        Subject subject = json.read(request.subject, Subject.class);
        PrivacyCommand command = new PrivacyCommand(UUID.randomUUID(), request.id, kind, subject, participants,
                arguments.processing(), arguments.upheld(), null, null, now);
        // a rectification goes to each participant once its corrections are delivered (personal data, over REST)
        boolean deliverFirst = kind == PrivacyCommand.Kind.RECTIFY;
        RequestCommand row = new RequestCommand();
        row.commandId = command.commandId();
        row.requestId = request.id;
        row.kind = kind;
        row.command = json.write(command);
        row.issuedAt = now;
        commands.persist(row);
        for (String service : participants) {
            CommandParticipant participant = new CommandParticipant();
            participant.commandId = command.commandId();
            participant.service = service;
            participant.sentAt = now;
            participant.attempts = deliverFirst ? 0 : 1;
            participant.nextRetryAt = deliverFirst ? null : now.plus(retryAfter);
            commands.persist(participant);
        }
        if (!deliverFirst) {
            events.command(command);
        }
        history.forRequest(request.id, "command.sent", HistoryLog.SYSTEM, Map.of("commandId", command.commandId().toString(),
                "kind", kind.name(), "participants", participants));
        return row;
    }

    /** Sends the command again to each silent participant whose pause is over. */
    @Transactional
    public int retrySilent(int limit) {
        Instant now = Timestamps.now();
        List<CommandParticipant> silent = commands.lockSilentDue(now, limit);
        for (CommandParticipant participant : silent) {
            RequestCommand row = commands.command(participant.commandId);
            PrivacyCommand sent = json.read(row.command, PrivacyCommand.class);
            sendTo(row, participant, now);
            history.forRequest(row.requestId, "command.resent", HistoryLog.SYSTEM, Map.of("commandId",
                    row.commandId.toString(), "service", participant.service, "attempt", participant.attempts));
        }
        return silent.size();
    }

    /** Sends a command to one participant (after its corrections were delivered, or again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendTo(RequestCommand row, CommandParticipant participant, Instant now) {
        PrivacyCommand sent = json.read(row.command, PrivacyCommand.class);
        events.command(new PrivacyCommand(sent.commandId(), sent.requestId(), sent.kind(), sent.subject(),
                List.of(participant.service), sent.processing(), sent.upheld(), sent.category(), sent.cutoff(),
                sent.issuedAt()));
        participant.attempts++;
        participant.nextRetryAt = now.plus(pause(participant.attempts));
    }

    /** retryAfter, doubled with every attempt, at most maxRetryInterval. */
    Duration pause(int attempts) {
        Duration pause = retryAfter.multipliedBy(1L << Math.min(attempts - 1, 20));
        return pause.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : pause;
    }
}
