package io.cloudpro.privacy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.platform.validation.SingleLine;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.HistoryEntry;
import io.cloudpro.privacy.domain.RefusalReason;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.service.OfficerDecisions;
import io.cloudpro.privacy.service.RequestCompletion;
import io.cloudpro.privacy.service.RequestService;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/** What the request endpoints take and answer. */
public final class RequestDtos {

    public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private RequestDtos() {
    }

    @Schema(name = "NewRequest", description = "A data-subject request. processing: for an objection; requestedChanges: for a"
            + " rectification (field name to the value it should have, e.g. lastName or address.postalCode).")
    public record NewRequest(@NotNull RequestType type,
                             @Size(max = 5000) @Schema(description = "In your own words (optional)") String details,
                             @Size(max = 100) @SingleLine @Schema(examples = "direct-marketing",
                                     description = "direct-marketing, or a category key of the privacy statement")
                             String processing,
                             @Size(max = 30) Map<@Size(max = 100) String, @Size(max = 500) String> requestedChanges) {

        RequestService.Filing filing() {
            return new RequestService.Filing(type, details, processing, requestedChanges);
        }
    }

    @Schema(name = "PublicRequest", description = "A request from someone without a login: a code is mailed to the address.")
    public record PublicRequest(@NotBlank @Size(max = 254) @Email(regexp = EMAIL)
                                @Schema(examples = "jan@example.nl") String email,
                                @NotNull RequestType type, @Size(max = 5000) String details,
                                @Size(max = 100) @SingleLine String processing,
                                @Size(max = 30) Map<@Size(max = 100) String, @Size(max = 500) String> requestedChanges) {

        RequestService.Filing filing() {
            return new RequestService.Filing(type, details, processing, requestedChanges);
        }
    }

    @Schema(name = "PendingVerification", description = "The same answer for every address: enter the mailed code at"
            + " POST /api/v1/privacy/public/verifications/{verificationId}.")
    public record PendingVerification(UUID verificationId, Instant expiresAt, String message) {
    }

    @Schema(name = "VerificationCode")
    public record VerificationCode(@NotBlank @Size(max = 20) @Schema(examples = "493027") String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Verified", description = "What the verified address filed: a request or a complaint.")
    public record Verified(String filed, RequestView request, ComplaintDtos.ComplaintView complaint) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Refusal")
    public record Refusal(RefusalReason reason, String text, String explanation,
                          @Schema(description = "The right to complain to the Autoriteit Persoonsgegevens or go to court")
                          String complaintRights) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Participant", description = "One service's part in a request")
    public record Participant(String service, String command,
                              @Schema(enumeration = {"ANSWERED", "WAITING"}) String state, int attempts, Instant sentAt,
                              Instant answeredAt, Instant nextRetryAt) {
        static Participant of(RequestService.ParticipantState p) {
            return new Participant(p.service(), p.kind().name(), p.state(), p.attempts(), p.sentAt(), p.answeredAt(),
                    p.nextRetryAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Request", description = "A data-subject request as the person who filed it sees it")
    public record RequestView(UUID id, RequestType type, String status, LocalDate receivedOn, LocalDate dueOn,
                              LocalDate extendedTo, String extensionReasons,
                              @Schema(description = "The deadline in force") LocalDate deadline, Refusal refusal,
                              RequestCompletion.Outcome outcome, Instant completedAt,
                              @Schema(description = "Where to download the package of an answered access or portability request")
                              String packageUrl,
                              List<Participant> participants) {

        static RequestView of(DsrRequest r, List<RequestService.ParticipantState> participants,
                              BiFunction<String, Class<RequestCompletion.Outcome>, RequestCompletion.Outcome> outcome) {
            return new RequestView(r.id, r.type, r.status.name(), r.receivedOn, r.dueOn, r.extendedTo, r.extensionReasons,
                    r.deadline(), RequestDtos.refusal(r), outcome.apply(r.outcome, RequestCompletion.Outcome.class), r.completedAt,
                    r.type.producesPackage() && r.completedAt != null && r.refusalReason == null
                            ? "/api/v1/privacy/requests/" + r.id + "/package" : null,
                    participants == null ? null : participants.stream().map(Participant::of).toList());
        }
    }

    static Refusal refusal(DsrRequest r) {
        return r.refusalReason == null ? null : new Refusal(r.refusalReason, r.refusalReason.text(), r.refusalExplanation,
                PrivacyMails.COMPLAINT_RIGHTS.replace('\n', ' '));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "HistoryEntry", description = "One step in the tamper-evident history")
    public record HistoryView(long seq, String kind, String actor, Map<String, Object> details, Instant recordedAt,
                              String previousHash, String hash, UUID requestId, UUID complaintId) {
        static HistoryView of(HistoryEntry e, Map<String, Object> details) {
            return new HistoryView(e.seq, e.kind, e.actor, details, e.recordedAt, e.previousHash, e.hash, e.requestId,
                    e.complaintId);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OfficerRequest", description = "A request as the privacy officer sees it")
    public record OfficerRequestView(UUID id, RequestType type, String status, String channel, String email,
                                     UUID subjectId, String details, String processing, Map<String, String> requestedChanges,
                                     LocalDate receivedOn, LocalDate dueOn, LocalDate extendedTo, LocalDate deadline,
                                     boolean overdue, boolean dueSoon, long daysLeft,
                                     @Schema(description = "Participants that have not answered yet") List<String> silent,
                                     Refusal refusal, Object decision, RequestCompletion.Outcome outcome, Instant completedAt,
                                     Instant liftRestrictionAt, List<Participant> participants, List<HistoryView> history) {
    }

    @Schema(name = "Extension")
    public record Extension(@NotNull @Min(1) @Max(2) Integer months,
                            @NotBlank @Size(max = 2000) @Schema(description = "Told to the person") String reasons) {
    }

    @Schema(name = "RefusalDecision")
    public record RefusalDecision(@NotNull RefusalReason reason, @Size(max = 2000) String explanation) {
    }

    @Schema(name = "RectificationDecision", description = "The corrections every service applies: field to value")
    public record RectificationDecision(@NotEmpty @Size(max = 30) Map<@NotBlank @Size(max = 100) String,
            @NotNull @Size(max = 500) String> corrections) {
    }

    @Schema(name = "ObjectionDecision")
    public record ObjectionDecision(@NotNull Boolean upheld, @NotBlank @Size(max = 2000) String reasons) {
    }

    @Schema(name = "LiftRestriction")
    public record LiftRestriction(@NotBlank @Size(max = 2000) @Schema(description = "Told to the person") String reason) {
    }

    @Schema(name = "QueueEntry")
    public record QueueEntry(UUID id, RequestType type, String status, LocalDate receivedOn, LocalDate deadline,
                             boolean extended, boolean overdue, boolean dueSoon, long daysLeft, List<String> silent) {
        static QueueEntry of(OfficerDecisions.QueueEntry e) {
            DsrRequest r = e.request();
            return new QueueEntry(r.id, r.type, r.status.name(), r.receivedOn, r.deadline(), r.extendedTo != null,
                    e.overdue(), e.dueSoon(), e.daysLeft(), e.silent());
        }
    }
}
