package io.cloudpro.privacy.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestCommand;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.privacy.repository.CommandRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a request ends once every participant answered: the outcome per service is kept with the
 * request, the person gets the answer by mail (with the right to complain), the free text the person
 * wrote is removed (unsolicited personal data goes when the case closes), and the end is published
 * and written to the history. Access and portability end with a package ({@link AccessPackages}).
 */
@ApplicationScoped
public class RequestCompletion {

    private final CommandRepository commands;
    private final DisclosureRegister disclosures;
    private final MailOutbox mail;
    private final PrivacyMails mails;
    private final PrivacyRightsEvents events;
    private final HistoryLog history;
    private final RequestWakeUp wakeUp;
    private final Json json;

    RequestCompletion(CommandRepository commands, DisclosureRegister disclosures, MailOutbox mail, PrivacyMails mails,
                      PrivacyRightsEvents events, HistoryLog history, RequestWakeUp wakeUp, Json json) {
        this.commands = commands;
        this.disclosures = disclosures;
        this.mail = mail;
        this.mails = mails;
        this.events = events;
        this.history = history;
        this.wakeUp = wakeUp;
        this.json = json;
    }

    /** What one participant did, as kept with the request and shown to the person. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ServiceOutcome(String service, boolean found, List<PrivacyResult.CategoryOutcome> categories,
                                 List<PrivacyResult.Withheld> withheld, List<String> changedFields) {
    }

    /** The outcome of a request: per service, and the recipients to tell (art. 17(2), 19). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Outcome(List<ServiceOutcome> services, List<String> recipientsToInform, Instant completedAt) {
    }

    /** A participant answered {@code command}; moves the request on if that was the last answer it waited for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answered(DsrRequest request, RequestCommand command) {
        if (!commands.participantsOf(command.commandId).stream().allMatch(CommandParticipant::answered)) {
            return;
        }
        if (command.kind == PrivacyCommand.Kind.LIFT_RESTRICTION) {
            history.forRequest(request.id, "restriction.lifted", HistoryLog.SYSTEM, Map.of("commandId", command.commandId.toString()));
            if (request.email != null) {
                mail.send(mails.restrictionLifted(request.email, request));
            }
            return;
        }
        if (request.status != RequestStatus.IN_PROGRESS
                || !commands.participantsOfRequest(request.id).stream().allMatch(CommandParticipant::answered)) {
            return;
        }
        if (request.type.producesPackage()) {
            wakeUp.afterCommit(); // the exports are fetched outside any transaction
        } else {
            complete(request, null);
        }
    }

    /**
     * Ends the request as answered; {@code packageMail} replaces the summary mail of requests that
     * end with a package.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(DsrRequest request, io.cloudpro.platform.mail.MailMessage packageMail) {
        Instant now = Timestamps.now();
        Outcome outcome = outcome(request, now);
        request.outcome = json.write(outcome);
        request.status = RequestStatus.COMPLETED;
        request.completedAt = now;
        request.details = null;
        request.requestedChanges = null;
        if (request.type == io.cloudpro.privacy.domain.RequestType.RECTIFICATION && request.decision != null) {
            // the corrected values were needed until every service had them; the field names stay
            Map<?, ?> decision = json.read(request.decision, Map.class);
            if (decision.get("corrections") instanceof Map<?, ?> corrections) {
                request.decision = json.write(Map.of("fields", List.copyOf(corrections.keySet()),
                        "decidedAt", String.valueOf(decision.get("decidedAt"))));
            }
        }
        if (request.email != null) {
            mail.send(packageMail != null ? packageMail : mails.completed(request.email, request, summary(request, outcome)));
        }
        events.requestCompleted(new PrivacyRightsEvents.RequestCompleted(request.id, request.type.name(), request.subjectId, now));
        history.forRequest(request.id, "request.completed", HistoryLog.SYSTEM, Map.of("services", outcome.services().size(),
                "withheld", outcome.services().stream().mapToInt(s -> s.withheld().size()).sum()));
    }

    private Outcome outcome(DsrRequest request, Instant now) {
        List<ServiceOutcome> services = new ArrayList<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> touchedCategories = new LinkedHashSet<>();
        for (CommandParticipant participant : commands.participantsOfRequest(request.id)) {
            PrivacyResult result = json.read(participant.result, PrivacyResult.class);
            if (result.kind() == PrivacyCommand.Kind.LIFT_RESTRICTION) {
                continue;
            }
            services.add(new ServiceOutcome(result.service(), result.found(), result.categories(), result.withheld(),
                    result.changedFields()));
            result.recipientsToInform().forEach(r -> recipients.add(r.name()));
            result.categories().stream().filter(c -> c.count() > 0).forEach(c -> touchedCategories.add(c.category()));
        }
        if (request.type == io.cloudpro.privacy.domain.RequestType.ERASURE
                || request.type == io.cloudpro.privacy.domain.RequestType.RECTIFICATION) {
            // art. 17(2) and 19: whoever received the data that was erased or corrected is told
            Subject subject = json.read(request.subject, Subject.class);
            disclosures.ofSubject(subject.allIds()).stream()
                    .filter(d -> java.util.Arrays.stream(d.categories.split(",")).anyMatch(touchedCategories::contains))
                    .forEach(d -> recipients.add(d.recipient));
        }
        return new Outcome(services, List.copyOf(recipients), now);
    }

    /** The outcome in words, for the mail. */
    static String summary(DsrRequest request, Outcome outcome) {
        StringBuilder text = new StringBuilder();
        for (ServiceOutcome service : outcome.services()) {
            text.append("- ").append(service.service()).append(": ");
            if (service.categories().isEmpty() && service.withheld().isEmpty()) {
                text.append("holds nothing about you");
            } else {
                text.append(String.join("; ", service.categories().stream()
                        .map(c -> c.category() + " " + c.outcome().name().toLowerCase().replace('_', ' ')
                                + " (" + c.count() + ")").toList()));
            }
            if (!service.changedFields().isEmpty()) {
                text.append("; corrected: ").append(String.join(", ", service.changedFields()));
            }
            text.append('\n');
            for (PrivacyResult.Withheld kept : service.withheld()) {
                text.append("    kept: ").append(kept.record()).append(" (").append(kept.category()).append(") - ")
                        .append(kept.exception());
                if (kept.law() != null) {
                    text.append(", ").append(kept.law());
                }
                if (kept.holdReference() != null) {
                    text.append(", legal hold ").append(kept.holdReference());
                }
                text.append(kept.until() == null ? "" : ", until " + PrivacyMails.date(kept.until().atOffset(ZoneOffset.UTC).toLocalDate()))
                        .append('\n');
            }
        }
        if (!outcome.recipientsToInform().isEmpty()) {
            text.append("\nWe are telling these recipients of your data about the ")
                    .append(request.type == io.cloudpro.privacy.domain.RequestType.ERASURE ? "erasure" : "correction")
                    .append(": ").append(String.join(", ", outcome.recipientsToInform())).append('.');
        }
        return text.toString();
    }

    /** The categories each service found about the person, from the results of an export. */
    public Map<String, Set<String>> foundCategories(List<CommandParticipant> participants) {
        Map<String, Set<String>> found = new java.util.LinkedHashMap<>();
        for (CommandParticipant participant : participants) {
            PrivacyResult result = json.read(participant.result, PrivacyResult.class);
            Set<String> keys = new LinkedHashSet<>();
            result.categories().stream().filter(c -> c.count() > 0).forEach(c -> keys.add(c.category()));
            found.put(result.service(), keys);
        }
        return found;
    }

    static boolean portable(Catalogue catalogue, String category) {
        return catalogue.categories().stream().anyMatch(c -> c.key().equals(category) && c.portable());
    }
}
