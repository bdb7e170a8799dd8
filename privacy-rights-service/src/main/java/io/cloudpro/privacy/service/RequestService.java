package io.cloudpro.privacy.service;

import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.Channel;
import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.Deadlines;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.HistoryEntry;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.privacy.repository.CommandRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Files data-subject requests - from a logged-in customer, or from an address verified with a
 * mailed code ({@link Verifications}) - with their legal deadline, and shows people their own.
 * A repeated request for the same right joins the open one instead of starting another.
 */
@ApplicationScoped
public class RequestService {

    /** Rights whose repeated request adds nothing while the first is open. */
    private static final EnumSet<RequestType> JOINABLE = EnumSet.of(RequestType.ACCESS, RequestType.PORTABILITY,
            RequestType.ERASURE, RequestType.RESTRICTION);

    private final RequestRepository requests;
    private final CommandRepository commands;
    private final PrivacyRightsEvents events;
    private final HistoryLog history;
    private final RequestWakeUp wakeUp;
    private final Json json;

    RequestService(RequestRepository requests, CommandRepository commands, PrivacyRightsEvents events, HistoryLog history,
                   RequestWakeUp wakeUp, Json json) {
        this.requests = requests;
        this.commands = commands;
        this.events = events;
        this.history = history;
        this.wakeUp = wakeUp;
        this.json = json;
    }

    /**
     * What the person asks.
     *
     * @param processing       for an objection: "direct-marketing" or a category key of the privacy statement
     * @param requestedChanges for a rectification: field to the value it should have
     */
    public record Filing(RequestType type, String details, String processing, Map<String, String> requestedChanges) {
    }

    /** A request, and whether it was new or joined an open one. */
    public record Filed(DsrRequest request, boolean created) {
    }

    @Transactional
    public Filed fileByLogin(UUID loginId, Filing filing) {
        check(filing);
        if (JOINABLE.contains(filing.type())) {
            var open = requests.find("loginId = ?1 AND type = ?2 AND status IN ?3", loginId, filing.type(),
                    List.of(RequestStatus.RECEIVED, RequestStatus.AWAITING_DECISION, RequestStatus.IN_PROGRESS))
                    .firstResultOptional();
            if (open.isPresent()) {
                return new Filed(open.get(), false);
            }
        }
        return new Filed(create(Channel.LOGIN, loginId, null, filing), true);
    }

    /** After the code mailed to {@code email} was entered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Filed fileVerified(String email, Filing filing) {
        check(filing);
        if (JOINABLE.contains(filing.type())) {
            var open = requests.openDuplicate(email, filing.type());
            if (open.isPresent()) {
                history.forRequest(open.get().id, "request.repeated", HistoryLog.REQUESTER, Map.of("channel", "EMAIL"));
                return new Filed(open.get(), false);
            }
        }
        return new Filed(create(Channel.EMAIL, null, email, filing), true);
    }

    private DsrRequest create(Channel channel, UUID loginId, String email, Filing filing) {
        Instant now = Timestamps.now();
        DsrRequest request = new DsrRequest();
        request.id = UUID.randomUUID();
        request.type = filing.type();
        request.status = RequestStatus.RECEIVED;
        request.channel = channel;
        request.loginId = loginId;
        request.email = email;
        request.details = blankToNull(filing.details());
        request.processing = filing.type() == RequestType.OBJECTION ? filing.processing() : null;
        request.requestedChanges = filing.requestedChanges() == null || filing.requestedChanges().isEmpty() ? null
                : json.write(filing.requestedChanges());
        request.receivedAt = now;
        request.receivedOn = Deadlines.receivedOn(now);
        request.dueOn = Deadlines.dueOn(request.receivedOn);
        requests.persist(request);
        events.requestReceived(new PrivacyRightsEvents.RequestReceived(request.id, request.type.name(), channel.name(),
                now, request.dueOn));
        history.forRequest(request.id, "request.received", HistoryLog.REQUESTER, Map.of("type", request.type.name(),
                "channel", channel.name(), "dueOn", request.dueOn.toString()));
        wakeUp.afterCommit();
        return request;
    }

    /** What a filing must say for its type; a problem naming the field otherwise. */
    public static void check(Filing filing) {
        if (filing.type() == RequestType.OBJECTION && (filing.processing() == null || filing.processing().isBlank())) {
            throw ProblemException.invalidField("processing", "say what you object to: " + PrivacyCommand.DIRECT_MARKETING
                    + " or a category of the privacy statement");
        }
        if (filing.type() == RequestType.RECTIFICATION && (filing.requestedChanges() == null || filing.requestedChanges().isEmpty())
                && (filing.details() == null || filing.details().isBlank())) {
            throw ProblemException.invalidField("requestedChanges", "say what is wrong and what it should be");
        }
    }

    /** A request with its participants' state and its history, as the person or the officer sees it. */
    public record RequestDetail(DsrRequest request, List<ParticipantState> participants, List<HistoryEntry> history) {
    }

    /** One participant's part: answered or silent, and how often it was asked. */
    public record ParticipantState(String service, PrivacyCommand.Kind kind, String state, int attempts, Instant sentAt,
                                   Instant answeredAt, Instant nextRetryAt) {
        static ParticipantState of(CommandParticipant p, PrivacyCommand.Kind kind) {
            return new ParticipantState(p.service, kind, p.answered() ? "ANSWERED" : "WAITING", p.attempts, p.sentAt,
                    p.answeredAt, p.nextRetryAt);
        }
    }

    @Transactional
    public Page<DsrRequest> ofLogin(UUID loginId, int page, int size) {
        return new Page<>(requests.ofLogin(loginId, page, size), page, size, requests.countOfLogin(loginId));
    }

    /** The caller's own request; another person's is a 404, as if it did not exist. */
    @Transactional
    public RequestDetail ofLogin(UUID loginId, UUID requestId) {
        DsrRequest request = requests.findById(requestId);
        if (request == null || !loginId.equals(request.loginId)) {
            throw ProblemException.notFound("Request");
        }
        return detail(request);
    }

    @Transactional
    public RequestDetail detail(UUID requestId) {
        DsrRequest request = requests.findById(requestId);
        if (request == null) {
            throw ProblemException.notFound("Request");
        }
        return detail(request);
    }

    private RequestDetail detail(DsrRequest request) {
        // participants first: a command the processor adds meanwhile comes with its participants in one
        // transaction, so every participant read here has its command in the second read
        List<CommandParticipant> parts = commands.participantsOfRequest(request.id);
        Map<UUID, PrivacyCommand.Kind> kinds = new java.util.HashMap<>();
        commands.commandsOf(request.id).forEach(c -> kinds.put(c.commandId, c.kind));
        List<ParticipantState> participants = parts.stream().filter(p -> kinds.containsKey(p.commandId))
                .map(p -> ParticipantState.of(p, kinds.get(p.commandId))).toList();
        return new RequestDetail(request, participants, history.ofRequest(request.id));
    }

    /** Reads a request's stored JSON columns for a view. */
    public <T> T read(String value, Class<T> type) {
        return value == null ? null : json.read(value, type);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
