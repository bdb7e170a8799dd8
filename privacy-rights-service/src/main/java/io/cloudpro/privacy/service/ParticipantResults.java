package io.cloudpro.privacy.service;

import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestCommand;
import io.cloudpro.privacy.repository.CommandRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;

/**
 * A participant's answer to a command: recorded once (a repeated answer to a resent command changes
 * nothing), and when it was the last one missing, the request moves on in the same transaction.
 */
@ApplicationScoped
public class ParticipantResults {

    private final CommandRepository commands;
    private final RequestRepository requests;
    private final RequestCompletion completion;
    private final HistoryLog history;
    private final Json json;

    ParticipantResults(CommandRepository commands, RequestRepository requests, RequestCompletion completion,
                       HistoryLog history, Json json) {
        this.commands = commands;
        this.requests = requests;
        this.completion = completion;
        this.history = history;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(PrivacyResult result) {
        RequestCommand command = commands.command(result.commandId());
        if (command == null) {
            return; // not ours: a purge of retention-service's, for instance
        }
        DsrRequest request = requests.lock(command.requestId);
        CommandParticipant participant = commands.lockParticipant(result.commandId(), result.service());
        if (participant == null || participant.answered()) {
            return;
        }
        participant.answeredAt = Timestamps.now();
        participant.result = json.write(result);
        participant.nextRetryAt = null;
        history.forRequest(request.id, "participant.answered", result.service(), Map.of(
                "commandId", result.commandId().toString(), "found", result.found(),
                "categories", result.categories().size(), "withheld", result.withheld().size()));
        completion.answered(request, command);
    }
}
