package io.cloudpro.retention.service;

import io.cloudpro.retention.domain.Periods;
import io.cloudpro.retention.domain.RetentionPolicy;
import io.cloudpro.retention.repository.ClockRepository;
import io.cloudpro.retention.repository.PolicyRepository;
import io.cloudpro.retention.repository.PurgeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the privacy officer looks at: what will be purged soon (a dry run) and what is overdue. */
@ApplicationScoped
public class RetentionReports {

    private final PolicyRepository policies;
    private final ClockRepository clocks;
    private final PurgeRepository purges;
    private final RetentionTime time;

    RetentionReports(PolicyRepository policies, ClockRepository clocks, PurgeRepository purges, RetentionTime time) {
        this.policies = policies;
        this.clocks = clocks;
        this.purges = purges;
        this.time = time;
    }

    /**
     * One line per category and service: for clocks, how many subjects' data falls due within the
     * window and the first date; for a rolling rule, the cut-off it will have reached at the window's
     * end (records whose period started before it go; the services count them when they purge).
     */
    public record DryRunLine(String category, String service, String kind, long subjects, Instant firstDue,
                             Instant cutoffAtEnd) {
    }

    /** A purge that should have happened and has no receipt: a clock past due, or a PURGE still unanswered. */
    public record OverdueLine(String category, String service, String what, Instant dueSince, int attempts) {
    }

    @Transactional
    public List<DryRunLine> dryRun(Duration window) {
        Instant now = time.now();
        Instant end = now.plus(window);
        List<DryRunLine> lines = new ArrayList<>();
        for (Object[] row : clocks.dueBetween(end)) {
            lines.add(new DryRunLine((String) row[0], (String) row[1], "clock", ((Number) row[2]).longValue(), (Instant) row[3], null));
        }
        for (RetentionPolicy policy : policies.rolling()) {
            Instant cutoff = Periods.before(end, Periods.parse(policy.period).orElseThrow());
            for (String service : policy.services) {
                lines.add(new DryRunLine(policy.category, service, "rolling rule", 0, null, cutoff));
            }
        }
        return lines;
    }

    @Transactional
    public List<OverdueLine> overdue() {
        Instant now = time.now();
        List<OverdueLine> lines = new ArrayList<>();
        clocks.overdue(now).forEach(c -> lines.add(new OverdueLine(c.category, c.service, "clock " + c.id + " (" + c.state + ")",
                c.dueAt, 0)));
        purges.unanswered(now).forEach(r -> lines.add(new OverdueLine(r.category, r.service, "purge " + r.commandId + " unanswered",
                r.sentAt, r.attempts)));
        return lines;
    }
}
