package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A participant's answer to one command, on {@value PrivacyTopics#RESULTS}: complete (also when
 * it holds nothing: {@code found} false), per category and per withheld record, and without personal
 * data - an export travels by claim check ({@code export}), not in the record.
 * <p>
 * The result of a PURGE is its receipt: the category with the records removed (PURGED) or kept by a
 * hold (WITHHELD), the cut-off of a purge by rolling rule ({@code cutoff}), and the time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyResult(UUID commandId, UUID requestId, PrivacyCommand.Kind kind, String service, UUID subjectId,
                            boolean found, List<CategoryOutcome> categories, List<Withheld> withheld,
                            List<String> changedFields, List<Catalogue.Recipient> recipientsToInform,
                            ExportRef export, Instant cutoff, Instant completedAt) {

    public PrivacyResult {
        categories = categories == null ? List.of() : List.copyOf(categories);
        withheld = withheld == null ? List.of() : List.copyOf(withheld);
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
        recipientsToInform = recipientsToInform == null ? List.of() : List.copyOf(recipientsToInform);
    }

    /** What the command did to one category. */
    public enum Outcome {
        EXPORTED, ERASED, ANONYMISED, WITHHELD, RESTRICTED, RESTRICTION_LIFTED, RECTIFIED, STOPPED, RECORDED, PURGED, NONE
    }

    /** A category, what was done to it, and to how many records. */
    public record CategoryOutcome(String category, Outcome outcome, long count) {
    }

    /**
     * A record kept although erasure (or a purge) was asked: the law or the legal hold that keeps it,
     * and until when. {@code record} names it without personal data (an invoice number, a date).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Withheld(String category, String record, String exception, String law, Instant until,
                           String holdReference) {
    }

    /** Where privacy-rights-service fetches an export, with a service token. */
    public record ExportRef(UUID exportId, String url, long bytes) {
    }
}
