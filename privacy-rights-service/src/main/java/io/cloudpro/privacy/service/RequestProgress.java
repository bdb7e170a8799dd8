package io.cloudpro.privacy.service;

import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.client.SubjectDirectory;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestCommand;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.repository.CommandRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The steps that move a request on, each in a transaction of its own: whom it is about (from
 * identity-service's answer), the command to the participants (or the officer's queue, when a
 * decision comes first), the exports picked up, the package built, and the daily reminder of what is
 * overdue. {@link RequestProcessor} runs them; calls to other services happen between them, never
 * inside a transaction.
 */
@ApplicationScoped
public class RequestProgress {

    private final RequestRepository requests;
    private final CommandRepository commands;
    private final Dispatcher dispatcher;
    private final AccessPackages packages;
    private final RequestCompletion completion;
    private final MailOutbox mail;
    private final PrivacyMails mails;
    private final HistoryLog history;
    private final Json json;
    private final String officerEmail;

    RequestProgress(RequestRepository requests, CommandRepository commands, Dispatcher dispatcher, AccessPackages packages,
                    RequestCompletion completion, MailOutbox mail, PrivacyMails mails, HistoryLog history, Json json,
                    PrivacyRightsConfig config) {
        this.requests = requests;
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.packages = packages;
        this.completion = completion;
        this.mail = mail;
        this.mails = mails;
        this.history = history;
        this.json = json;
        this.officerEmail = config.officerEmail();
    }

    /** What a lookup needs of a request, read without holding anything. */
    public record LookupTask(UUID requestId, UUID loginId, String email) {
    }

    @Transactional
    public List<LookupTask> awaitingLookup(int limit) {
        return requests.awaitingLookup(limit).stream().map(requests::findById)
                .map(r -> new LookupTask(r.id, r.loginId, r.email)).toList();
    }

    /**
     * identity-service said whom the request is about: the ids are kept, the person is told the
     * deadline, and the participants get the command - or the officer decides first.
     */
    @Transactional
    public void lookedUp(UUID requestId, SubjectDirectory.Found found) {
        DsrRequest request = requests.lock(requestId);
        if (request == null || request.subject != null) {
            return;
        }
        if (request.loginId != null) {
            request.email = found.email();
        }
        Subject subject = new Subject(subjectId(request, found), found.accountIds(), found.loginIds(), found.applicationIds());
        request.subjectId = subject.subjectId();
        request.subject = json.write(subject);
        if (request.status == RequestStatus.REFUSED) {
            if (request.loginId != null && request.email != null) {
                // refused before we knew the login's address: the person gets the refusal now
                mail.send(mails.refused(request.email, request, request.refusalReason, request.refusalExplanation));
            }
            return;
        }
        if (request.email != null) {
            mail.send(mails.requestReceived(request.email, request));
            if (request.extendedTo != null) {
                mail.send(mails.extended(request.email, request)); // extended before we knew where to write
            }
        }
        history.forRequest(request.id, "subject.looked-up", HistoryLog.SYSTEM, Map.of("accounts", found.accountIds().size(),
                "logins", found.loginIds().size(), "applications", found.applicationIds().size()));
        if (needsDecision(request)) {
            request.status = RequestStatus.AWAITING_DECISION;
            history.forRequest(request.id, "request.awaiting-decision", HistoryLog.SYSTEM, Map.of());
            return;
        }
        Dispatcher.Arguments arguments = request.type == RequestType.OBJECTION
                ? new Dispatcher.Arguments(request.processing, null) : Dispatcher.Arguments.NONE;
        dispatcher.send(request, request.type.command(), arguments);
        request.status = RequestStatus.IN_PROGRESS;
    }

    /**
     * The person's id for the privacy commands (the key of their records on every topic): their oldest
     * account, else their login or application, else the id an earlier request from the address got.
     */
    private UUID subjectId(DsrRequest request, SubjectDirectory.Found found) {
        Optional<UUID> known = Stream.of(found.accountIds(), found.loginIds(), found.applicationIds())
                .flatMap(List::stream).findFirst();
        if (known.isPresent()) {
            return known.get();
        }
        if (request.email != null) {
            Optional<UUID> earlier = requests.find("email = ?1 AND subjectId IS NOT NULL ORDER BY receivedAt", request.email)
                    .firstResultOptional().map(r -> r.subjectId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        return UUID.randomUUID();
    }

    /** Rectifications, and objections to anything but direct marketing, wait for the privacy officer. */
    static boolean needsDecision(DsrRequest request) {
        return request.type == RequestType.RECTIFICATION
                || (request.type == RequestType.OBJECTION && !PrivacyCommand.DIRECT_MARKETING.equals(request.processing));
    }

    /** An export waiting to be picked up. */
    public record ExportTask(UUID commandId, String service, String url) {
    }

    @Transactional
    public List<ExportTask> exportsToFetch(int limit) {
        List<ExportTask> tasks = new ArrayList<>();
        for (CommandParticipant part : commands.exportsToFetch(limit)) {
            PrivacyResult result = json.read(part.result, PrivacyResult.class);
            if (result.export() != null) {
                tasks.add(new ExportTask(part.commandId, part.service, result.export().url()));
            }
        }
        return tasks;
    }

    @Transactional
    public void exportFetched(ExportTask task, String export) {
        CommandParticipant part = commands.lockParticipant(task.commandId(), task.service());
        if (part != null && part.export == null) {
            part.export = export;
        }
    }

    /**
     * The participant no longer has the export (it expired unfetched): it is asked again with a new
     * command, since the old one would only get the old answer.
     */
    @Transactional
    public void exportLost(ExportTask task) {
        CommandParticipant part = commands.lockParticipant(task.commandId(), task.service());
        if (part == null || part.export != null) {
            return;
        }
        RequestCommand old = commands.command(task.commandId());
        DsrRequest request = requests.lock(old.requestId);
        commands.delete(part);
        history.forRequest(request.id, "export.lost", task.service(), Map.of("commandId", task.commandId().toString()));
        dispatcher.send(request, old.kind, Dispatcher.Arguments.NONE, List.of(task.service()));
    }

    /** Corrections of a rectification to deliver to one participant before it gets the command. */
    public record DeliveryTask(UUID commandId, String service, Map<String, String> corrections) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<DeliveryTask> correctionsToDeliver(int limit) {
        List<DeliveryTask> tasks = new ArrayList<>();
        for (CommandParticipant participant : commands.undelivered(limit)) {
            DsrRequest request = requests.findById(commands.command(participant.commandId).requestId);
            Map<String, Object> decision = json.read(request.decision, Map.class);
            tasks.add(new DeliveryTask(participant.commandId, participant.service,
                    (Map<String, String>) decision.get("corrections")));
        }
        return tasks;
    }

    /** The participant has its corrections: now it gets the command. */
    @Transactional
    public void delivered(DeliveryTask task) {
        CommandParticipant participant = commands.lockParticipant(task.commandId(), task.service());
        if (participant == null || participant.attempts > 0) {
            return;
        }
        RequestCommand row = commands.command(task.commandId());
        dispatcher.sendTo(row, participant, Timestamps.now());
        history.forRequest(row.requestId, "corrections.delivered", task.service(), Map.of("commandId", task.commandId().toString()));
    }

    @Transactional
    public List<UUID> allAnswered(int limit) {
        return commands.requestsAllAnswered(limit);
    }

    /** Completes a request whose participants all answered - with a package once every export is in. */
    @Transactional
    public void finish(UUID requestId) {
        DsrRequest request = requests.lock(requestId);
        if (request.status != RequestStatus.IN_PROGRESS) {
            return;
        }
        List<CommandParticipant> parts = commands.participantsOfRequest(requestId);
        if (!parts.stream().allMatch(CommandParticipant::answered)) {
            return;
        }
        if (!request.type.producesPackage()) {
            completion.complete(request, null);
            return;
        }
        boolean allFetched = parts.stream().allMatch(p -> p.export != null
                || json.read(p.result, PrivacyResult.class).export() == null);
        if (allFetched) {
            packages.build(request, parts);
        }
    }

    /** One digest a day to the privacy officer of the requests past their deadline. */
    @Transactional
    public int remindOverdue(LocalDate today) {
        List<UUID> overdue = requests.overdueNotRemindedOn(today, 200);
        if (overdue.isEmpty()) {
            return 0;
        }
        StringBuilder list = new StringBuilder();
        for (UUID id : overdue) {
            DsrRequest request = requests.lock(id);
            request.remindedOn = today;
            list.append("- ").append(request.id).append(": ").append(request.type.description()).append(", due ")
                    .append(PrivacyMails.date(request.deadline())).append(", ").append(request.status.name().toLowerCase())
                    .append('\n');
            history.forRequest(request.id, "request.overdue-reminded", HistoryLog.SYSTEM, Map.of("on", today.toString()));
        }
        mail.send(mails.overdue(officerEmail, overdue.size(), list.toString()));
        return overdue.size();
    }

    @Transactional
    public List<UUID> restrictionsToLift(int limit) {
        return requests.restrictionsToLift(Timestamps.now(), limit);
    }
}
