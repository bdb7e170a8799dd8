package io.cloudpro.privacy.service;

import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.Deadlines;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RefusalReason;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.privacy.repository.AccessPackageRepository;
import io.cloudpro.privacy.repository.CommandRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The privacy officer's queue and decisions: extend a deadline (once, with reasons, told to the
 * person within the first month), refuse (with a reason code and the right to complain), decide a
 * rectification or an objection to other than direct marketing, and lift a restriction after telling
 * the person. Every decision is in the request's history.
 */
@ApplicationScoped
public class OfficerDecisions {

    public static final ProblemType NOT_NOW = ProblemType.of("decision-not-possible", 409, "Not possible now");

    private final RequestRepository requests;
    private final CommandRepository commands;
    private final AccessPackageRepository packages;
    private final Dispatcher dispatcher;
    private final MailOutbox mail;
    private final PrivacyMails mails;
    private final PrivacyRightsEvents events;
    private final HistoryLog history;
    private final Json json;
    private final int dueSoonDays;
    private final Duration liftNotice;

    OfficerDecisions(RequestRepository requests, CommandRepository commands, AccessPackageRepository packages,
                     Dispatcher dispatcher, MailOutbox mail, PrivacyMails mails,
                     PrivacyRightsEvents events, HistoryLog history, Json json, PrivacyRightsConfig config) {
        this.requests = requests;
        this.commands = commands;
        this.packages = packages;
        this.dispatcher = dispatcher;
        this.mail = mail;
        this.mails = mails;
        this.events = events;
        this.history = history;
        this.json = json;
        this.dueSoonDays = config.requests().dueSoonDays();
        this.liftNotice = config.requests().restrictionLiftNotice();
    }

    /** A request in the queue: its deadline state and which participants are still silent. */
    public record QueueEntry(DsrRequest request, boolean overdue, boolean dueSoon, long daysLeft, List<String> silent) {
    }

    @Transactional
    public Page<QueueEntry> queue(boolean openOnly, int page, int size) {
        LocalDate today = Deadlines.today(Timestamps.now());
        List<DsrRequest> rows = requests.queue(openOnly, page, size);
        Map<UUID, List<String>> silent = commands.silentServicesOfRequests(rows.stream().map(r -> r.id).toList());
        return new Page<>(rows, page, size, requests.countQueue(openOnly))
                .map(r -> entry(r, today, silent.getOrDefault(r.id, List.of())));
    }

    private QueueEntry entry(DsrRequest request, LocalDate today, List<String> silentParticipants) {
        long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(today, request.deadline());
        List<String> silent;
        if (!request.status.isOpen()) {
            silent = List.of();
        } else if (request.subject == null) {
            // nobody can be asked before the subject lookup has said whom the request is about
            silent = List.of(io.cloudpro.privacy.client.SubjectDirectory.SERVICE);
        } else {
            silent = silentParticipants;
        }
        return new QueueEntry(request, request.isOverdue(today), request.status.isOpen() && daysLeft >= 0
                && daysLeft <= dueSoonDays, daysLeft, silent);
    }

    @Transactional
    public QueueEntry entry(UUID requestId) {
        DsrRequest request = find(requestId);
        return entry(request, Deadlines.today(Timestamps.now()),
                commands.silentServicesOfRequests(List.of(request.id)).getOrDefault(request.id, List.of()));
    }

    /** One extension by 1 or 2 months (art. 12(3)), only while the first month runs, told to the person now. */
    @Transactional
    public DsrRequest extend(UUID officerId, UUID requestId, int months, String reasons) {
        DsrRequest request = lockOpen(requestId);
        Instant now = Timestamps.now();
        if (request.extendedTo != null) {
            throw new ProblemException(NOT_NOW, "This request was extended before; the law allows one extension.");
        }
        if (Deadlines.today(now).isAfter(request.dueOn)) {
            throw new ProblemException(NOT_NOW, "The first month ended on " + request.dueOn + ": an extension must be told"
                    + " to the person within it.");
        }
        request.extendedTo = Deadlines.extendedTo(request.receivedOn, months);
        request.extensionReasons = reasons.strip();
        if (request.email != null) {
            mail.send(mails.extended(request.email, request));
        }
        events.requestExtended(new PrivacyRightsEvents.RequestExtended(request.id, request.dueOn, request.extendedTo, now));
        history.forRequest(request.id, "decision.extended", HistoryLog.officer(officerId), Map.of("months", months,
                "extendedTo", request.extendedTo.toString()));
        return request;
    }

    /** Refuses (art. 12(4)): the reason code and the right to complain to the AP or go to court, by mail. */
    @Transactional
    public DsrRequest refuse(UUID officerId, UUID requestId, RefusalReason reason, String explanation) {
        DsrRequest request = lockOpen(requestId);
        Instant now = Timestamps.now();
        request.status = RequestStatus.REFUSED;
        request.refusalReason = reason;
        request.refusalExplanation = explanation == null || explanation.isBlank() ? null : explanation.strip();
        request.completedAt = now;
        request.details = null;
        request.requestedChanges = null;
        packages.deleteById(requestId);
        commands.dropExports(requestId);
        commands.stopRetries(requestId);
        if (request.email != null) {
            mail.send(mails.refused(request.email, request, reason, request.refusalExplanation));
        }
        events.requestRefused(new PrivacyRightsEvents.RequestRefused(request.id, request.type.name(), request.subjectId,
                reason.name(), now));
        history.forRequest(request.id, "decision.refused", HistoryLog.officer(officerId), Map.of("reason", reason.name()));
        return request;
    }

    /** The corrections the officer decided on (art. 16); every participant applies them. */
    @Transactional
    public DsrRequest rectify(UUID officerId, UUID requestId, Map<String, String> corrections) {
        DsrRequest request = lockAwaitingDecision(requestId, RequestType.RECTIFICATION);
        // the values are kept until every participant has them, then only the field names stay
        request.decision = json.write(Map.of("corrections", new LinkedHashMap<>(corrections), "decidedAt",
                Timestamps.now().toString()));
        history.forRequest(request.id, "decision.rectification", HistoryLog.officer(officerId),
                Map.of("fields", List.copyOf(corrections.keySet())));
        dispatcher.send(request, PrivacyCommand.Kind.RECTIFY, Dispatcher.Arguments.NONE);
        request.status = RequestStatus.IN_PROGRESS;
        return request;
    }

    /**
     * The decision on an objection to processing other than direct marketing (art. 21(1)): recorded
     * by every participant; upheld, the processing stops; not upheld, the person is told why.
     */
    @Transactional
    public DsrRequest decideObjection(UUID officerId, UUID requestId, boolean upheld, String reasons) {
        DsrRequest request = lockAwaitingDecision(requestId, RequestType.OBJECTION);
        request.decision = json.write(Map.of("upheld", upheld, "reasons", reasons.strip(), "decidedAt", Timestamps.now().toString()));
        history.forRequest(request.id, "decision.objection", HistoryLog.officer(officerId), Map.of("upheld", upheld));
        dispatcher.send(request, PrivacyCommand.Kind.OBJECT, new Dispatcher.Arguments(request.processing, upheld));
        request.status = RequestStatus.IN_PROGRESS;
        return request;
    }

    /**
     * Announces that a restriction will be lifted (art. 18(3): the person is told before), at the
     * earliest after the notice period; the participants get lift-restriction then.
     */
    @Transactional
    public DsrRequest liftRestriction(UUID officerId, UUID requestId, String reason) {
        DsrRequest request = find(requestId);
        request = requests.lock(request.id);
        if (request.type != RequestType.RESTRICTION || request.status != RequestStatus.COMPLETED) {
            throw new ProblemException(NOT_NOW, "Only a restriction that is in place can be lifted.");
        }
        if (liftedOrAnnounced(request)) {
            throw new ProblemException(NOT_NOW, "This restriction is lifted or announced to be lifted already.");
        }
        Instant liftAt = Timestamps.now().plus(liftNotice);
        request.liftRestrictionAt = liftAt;
        if (request.email != null) {
            mail.send(mails.restrictionToBeLifted(request.email, request, liftAt, reason.strip()));
        }
        history.forRequest(request.id, "decision.lift-restriction", HistoryLog.officer(officerId),
                Map.of("liftAt", liftAt.toString()));
        return request;
    }

    /** Whether the officer may still announce that this request's restriction will be lifted. */
    @Transactional
    public boolean liftable(DsrRequest request) {
        return request.type == RequestType.RESTRICTION && request.status == RequestStatus.COMPLETED
                && !liftedOrAnnounced(request);
    }

    private boolean liftedOrAnnounced(DsrRequest request) {
        return request.liftRestrictionAt != null || commands.commandsOf(request.id).stream()
                .anyMatch(c -> c.kind == PrivacyCommand.Kind.LIFT_RESTRICTION);
    }

    /** Sends lift-restriction for an announced lift whose notice period is over. */
    @Transactional
    public void liftNow(UUID requestId) {
        DsrRequest request = requests.lock(requestId);
        if (request.liftRestrictionAt == null || request.liftRestrictionAt.isAfter(Timestamps.now())) {
            return;
        }
        request.liftRestrictionAt = null;
        dispatcher.send(request, PrivacyCommand.Kind.LIFT_RESTRICTION, Dispatcher.Arguments.NONE);
    }

    private DsrRequest find(UUID requestId) {
        DsrRequest request = requests.findById(requestId);
        if (request == null) {
            throw ProblemException.notFound("Request");
        }
        return request;
    }

    /**
     * Locks the row as the first read of it in this transaction: an entity read before without the
     * lock would be checked against its version, and a round of the request processor that moved
     * the request on meanwhile would turn the decision into a 409.
     */
    private DsrRequest lockOpen(UUID requestId) {
        DsrRequest request = requests.lock(requestId);
        if (request == null) {
            throw ProblemException.notFound("Request");
        }
        if (!request.status.isOpen()) {
            throw new ProblemException(NOT_NOW, "This request is " + request.status.name().toLowerCase() + " already.");
        }
        return request;
    }

    private DsrRequest lockAwaitingDecision(UUID requestId, RequestType type) {
        DsrRequest request = lockOpen(requestId);
        if (request.type != type) {
            throw new ProblemException(NOT_NOW, "This is not a request for " + type.description() + ".");
        }
        if (request.status != RequestStatus.AWAITING_DECISION) {
            throw new ProblemException(NOT_NOW, request.status == RequestStatus.RECEIVED
                    ? "Whom the request is about is still being looked up; try again in a moment."
                    : "This request was decided already.");
        }
        return request;
    }
}
