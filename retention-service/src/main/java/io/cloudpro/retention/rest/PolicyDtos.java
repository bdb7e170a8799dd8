package io.cloudpro.retention.rest;

import io.cloudpro.platform.validation.SingleLine;
import io.cloudpro.retention.domain.PolicyVersion;
import io.cloudpro.retention.domain.RetentionPolicy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the policy endpoints take and answer. */
public final class PolicyDtos {

    private PolicyDtos() {
    }

    @Schema(name = "RetentionPolicy")
    public record PolicyView(@Schema(examples = "identity.login-history") String category,
                             @Schema(description = "The services that hold it") List<String> services,
                             @Schema(examples = "IP addresses of logins") String name,
                             @Schema(description = "The period in force (ISO-8601)", examples = "P90D") String period,
                             @Schema(description = "The period the service's catalogue declares", examples = "P90D") String declaredPeriod,
                             @Schema(description = "The law's minimum, if any", examples = "P7Y") String statutoryMinimum,
                             @Schema(examples = "AWR art. 52") String law,
                             @Schema(examples = "the login itself") String startsAt,
                             @Schema(description = "The event that starts a clock; none: a rolling rule purged by cut-off")
                             String startEvent,
                             @Schema(examples = "DELETE") String action,
                             @Schema(description = "RETENTION_SERVICE: purged by retention-service; OWNER: the service"
                                     + " deletes it itself as it expires (a mail queue, a download link), so its period"
                                     + " cannot be changed here", examples = "RETENTION_SERVICE") String enforcedBy,
                             int version,
                             Instant updatedAt) {
        static PolicyView of(RetentionPolicy p) {
            return new PolicyView(p.category, p.services, p.name, p.period, p.declaredPeriod, p.statutoryMinimum, p.law,
                    p.startsAt, p.startEvent, p.action, p.enforcedBy, p.version, p.updatedAt);
        }
    }

    @Schema(name = "RetentionPolicyVersion")
    public record VersionView(int version, String period,
                              @Schema(description = "The privacy officer's login id; absent: the service's catalogue") UUID changedBy,
                              Instant changedAt, String reason) {
        static VersionView of(PolicyVersion v) {
            return new VersionView(v.key.version(), v.period, v.changedBy, v.changedAt, v.reason);
        }
    }

    @Schema(name = "RetentionPolicyChange")
    public record Change(@NotBlank @Size(max = 20) @Schema(description = "ISO-8601 period", examples = "P60D") String period,
                         @NotBlank @Size(max = 500) @SingleLine @Schema(examples = "Login history is only ever looked at for 60 days")
                         String reason) {
    }
}
