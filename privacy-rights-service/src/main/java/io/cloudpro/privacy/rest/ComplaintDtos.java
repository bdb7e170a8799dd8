package io.cloudpro.privacy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.privacy.domain.Complaint;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.service.ComplaintService;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** What the complaint endpoints take and answer. */
public final class ComplaintDtos {

    private ComplaintDtos() {
    }

    @Schema(name = "NewComplaint")
    public record NewComplaint(@NotBlank @Size(max = 10_000) String text,
                               @Schema(description = "The request it is about, if any") UUID requestId) {
        ComplaintService.Filing filing() {
            return new ComplaintService.Filing(text, requestId);
        }
    }

    @Schema(name = "PublicComplaint", description = "A complaint from someone without a login: a code is mailed to the address.")
    public record PublicComplaint(@NotBlank @Size(max = 254) @Email(regexp = RequestDtos.EMAIL) String email,
                                  @NotBlank @Size(max = 10_000) String text, UUID requestId) {
        ComplaintService.Filing filing() {
            return new ComplaintService.Filing(text, requestId);
        }
    }

    @Schema(name = "ComplaintAnswer")
    public record Answer(@NotBlank @Size(max = 10_000) String answer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Complaint")
    public record ComplaintView(UUID id, String status, String channel, String email, UUID requestId, String text,
                                Instant receivedAt, String answer, Instant answeredAt,
                                @Schema(description = "The right to complain to the Autoriteit Persoonsgegevens")
                                String complaintRights) {

        /** As the person who filed it sees it. */
        static ComplaintView forPerson(Complaint c) {
            return new ComplaintView(c.id, c.status.name(), c.channel.name(), null, c.requestId,
                    c.text == null || c.text.isEmpty() ? null : c.text, c.receivedAt, c.answer, c.answeredAt,
                    PrivacyMails.COMPLAINT_RIGHTS.replace('\n', ' '));
        }

        /** As the privacy officer sees it: with the address answers go to. */
        static ComplaintView forOfficer(Complaint c) {
            return new ComplaintView(c.id, c.status.name(), c.channel.name(), c.email, c.requestId,
                    c.text == null || c.text.isEmpty() ? null : c.text, c.receivedAt, c.answer, c.answeredAt, null);
        }
    }
}
