package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A command to every participant (or to those named in {@code targets}) about one subject, on
 * {@value PrivacyTopics#COMMANDS}. The same {@code commandId} always gets the same result, however
 * often it is sent.
 *
 * Commands carry ids only. The corrections of a RECTIFY are personal data: privacy-rights-service
 * delivers them over REST ({@link PrivacyCorrections}) before it sends the command.
 *
 * @param processing  for OBJECT: what the person objects to ("direct-marketing" or a category key)
 * @param upheld      for OBJECT to anything but direct marketing: the officer's decision
 * @param category    for PURGE: the category whose retention ended
 * @param cutoff      for PURGE by rolling rule: records older than this go
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyCommand(UUID commandId, UUID requestId, Kind kind, Subject subject, List<String> targets,
                             String processing, Boolean upheld, String category, Instant cutoff, Instant issuedAt) {

    public static final String DIRECT_MARKETING = "direct-marketing";

    /** The privacy commands every participant answers. */
    public enum Kind {
        EXPORT, ERASE, RESTRICT, LIFT_RESTRICTION, RECTIFY, OBJECT, PURGE;

        /** The CloudEvents type, e.g. io.cloudpro.privacy.command.lift-restriction.v1. */
        public String eventType() {
            return "io.cloudpro.privacy.command." + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v1";
        }

        /** The CloudEvents type of the result. */
        public String resultType() {
            return "io.cloudpro.privacy.result." + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v1";
        }
    }

    public boolean isFor(String service) {
        return targets == null || targets.isEmpty() || targets.contains(service);
    }
}
