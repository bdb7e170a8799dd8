package io.cloudpro.privacy.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.domain.Complaint;
import io.cloudpro.privacy.domain.Disclosure;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.HistoryEntry;
import io.cloudpro.privacy.domain.RefusalReason;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.service.HistoryLog;
import io.cloudpro.privacy.service.InformationSheets;
import io.cloudpro.privacy.service.PersonalHoldings;
import io.cloudpro.privacy.service.OfficerDecisions;
import io.cloudpro.privacy.service.PortalSessions;
import io.cloudpro.privacy.service.PrivacyStatistics;
import io.cloudpro.privacy.service.RequestService;
import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the portal's pages show, in words and dates people read (Amsterdam time). */
final class PortalViews {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private PortalViews() {
    }

    /**
     * The header's part: the token every form of the page carries, whether someone is logged in and
     * which menu they get (a customer's pages, the officer's), and which page this is.
     */
    @TemplateData
    record Frame(String csrf, boolean loggedIn, boolean customer, boolean officer, String current) {
        static Frame of(String csrf, PortalSessions.Visitor visitor, String current) {
            return new Frame(csrf, visitor != null, visitor != null && visitor.has(Roles.CUSTOMER),
                    visitor != null && (visitor.has(Roles.PRIVACY_OFFICER) || visitor.has(Roles.ADMIN)), current);
        }

        static Frame anonymous(String csrf) {
            return new Frame(csrf, false, false, false, null);
        }
    }

    /** Which page of a long list is shown, and the links to the pages before and after it. */
    @TemplateData
    record Paging(int number, int pages, long total, String previous, String next) {
        static Paging of(int number, int size, long total, String path) {
            int pages = (int) Math.max(1, (total + size - 1) / size);
            return new Paging(number, pages, total, number > 1 ? path + "?page=" + (number - 1) : null,
                    number < pages ? path + "?page=" + (number + 1) : null);
        }

        /** The page asked for, 1 when none or nonsense (a page past the end just shows no rows). */
        static int number(String page) {
            try {
                return page == null ? 1 : Math.max(1, Math.min(100_000, Integer.parseInt(page.strip())));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }

    @TemplateData
    record Profile(String name, String email, boolean emailVerified, String address, String phone, String company,
                   String since) {
        static Profile of(JsonNode me) {
            JsonNode a = me.path("address");
            String address = a.isMissingNode() || a.isNull() ? null : a.path("street").asText() + ", "
                    + a.path("postalCode").asText() + " " + a.path("city").asText() + ", " + a.path("country").asText();
            JsonNode company = me.path("company");
            return new Profile(me.path("firstName").asText() + " " + me.path("lastName").asText(), me.path("email").asText(),
                    me.path("emailVerified").asBoolean(), address, text(me.path("phone")),
                    company.isMissingNode() || company.isNull() ? null : company.path("name").asText(),
                    moment(me.path("createdAt")));
        }
    }

    @TemplateData
    record Login(String when, String ip, String browser, String outcome, boolean newLocation) {
        static List<Login> of(JsonNode page) {
            List<Login> rows = new ArrayList<>();
            for (JsonNode item : page.path("items")) {
                rows.add(new Login(moment(item.path("occurredAt")), item.path("ip").asText(), text(item.path("userAgent")),
                        switch (item.path("outcome").asText()) {
                            case "SUCCESS" -> "Logged in";
                            case "FAILURE" -> "Wrong password";
                            case "THROTTLED" -> "Refused: too many attempts";
                            default -> "Waiting for confirmation";
                        }, item.path("newLocation").asBoolean()));
            }
            return rows;
        }
    }

    /** The newsletter consent, or none for a login that is not the account's owner. */
    @TemplateData
    record Newsletter(boolean available, boolean subscribed, String since, String noticeVersion) {
        static Newsletter of(JsonNode state) {
            return new Newsletter(true, state.path("subscribed").asBoolean(), moment(state.path("since")),
                    text(state.path("privacyNoticeVersion")));
        }

        static Newsletter none() {
            return new Newsletter(false, false, null, null);
        }
    }

    /** What one service holds about the person: its categories with counts, or that it did not answer. */
    @TemplateData
    record ServiceHolding(String service, boolean answered, List<Holding> categories) {
        static List<ServiceHolding> of(List<PersonalHoldings.ServiceHoldings> answers) {
            return answers.stream().map(a -> new ServiceHolding(a.service(), a.answered(),
                    a.categories().stream().map(Holding::of).toList())).toList();
        }
    }

    /** One category held, how many records, with why and how long. */
    @TemplateData
    record Holding(String name, String description, String records, String purposes, String retention) {
        static Holding of(PersonalHoldings.HeldCategory held) {
            InformationSheets.CategoryInfo c = held.info();
            return new Holding(c.name(), c.description(), held.records() + (held.records() == 1 ? " record" : " records"),
                    String.join("; ", c.purposes()), c.retention());
        }
    }

    @TemplateData
    record RequestRow(String id, String type, String status, boolean open, String receivedOn, String deadline,
                      boolean extended, String extensionReasons, String refusal, boolean packageReady) {
        static RequestRow of(DsrRequest r, boolean packageReady) {
            return new RequestRow(r.id.toString(), typeName(r.type), statusName(r.status), r.status.isOpen(),
                    day(r.receivedOn), day(r.deadline()), r.extendedTo != null, r.extensionReasons,
                    r.refusalReason == null ? null : r.refusalReason.text(), packageReady);
        }
    }

    /** A line of the privacy officer's queue: what stands out is said in words, not only by colour. */
    @TemplateData
    record QueueRow(String id, String type, String status, String receivedOn, String deadline, boolean extended,
                    boolean overdue, boolean dueSoon, String daysLeft, String silent) {
        static QueueRow of(OfficerDecisions.QueueEntry e) {
            DsrRequest r = e.request();
            String left = !r.status.isOpen() ? "-" : e.daysLeft() < 0 ? -e.daysLeft() + " days overdue"
                    : e.daysLeft() == 0 ? "due today" : e.daysLeft() + (e.daysLeft() == 1 ? " day left" : " days left");
            return new QueueRow(r.id.toString(), typeName(r.type), statusName(r.status), day(r.receivedOn), day(r.deadline()),
                    r.extendedTo != null, e.overdue(), e.dueSoon(), left, e.silent().isEmpty() ? null : String.join(", ", e.silent()));
        }
    }

    /** A service's part in a request. */
    @TemplateData
    record ParticipantRow(String service, String command, boolean answered, String sentAt, String answeredAt, int attempts) {
        static ParticipantRow of(RequestService.ParticipantState p) {
            return new ParticipantRow(p.service(), p.kind().name().toLowerCase(Locale.ROOT), "ANSWERED".equals(p.state()),
                    moment(p.sentAt()), moment(p.answeredAt()), p.attempts());
        }
    }

    /** A step in the request's history. */
    @TemplateData
    record HistoryRow(long seq, String kind, String actor, String at) {
        static HistoryRow of(HistoryEntry e) {
            return new HistoryRow(e.seq, e.kind, e.actor, moment(e.recordedAt));
        }
    }

    /** A reason the officer may refuse with. */
    @TemplateData
    record ReasonChoice(String value, String label) {
        static List<ReasonChoice> all() {
            List<ReasonChoice> choices = new ArrayList<>();
            for (RefusalReason reason : RefusalReason.values()) {
                choices.add(new ReasonChoice(reason.name(), reason.text()));
            }
            return choices;
        }
    }

    /** The whole history's chain check, in a sentence. */
    static String chain(HistoryLog.Verification check) {
        return check.intact() ? "The history is intact: all " + check.entries() + " entries follow each other and match their hashes."
                : "The history is broken at entry " + check.firstBrokenSeq() + ": " + check.problem() + ".";
    }

    /** A complaint, as its author and the privacy officer read it (the text goes once it is answered). */
    @TemplateData
    record ComplaintRow(String id, String receivedAt, boolean answered, String text, String answer, String answeredAt,
                        String channel) {
        static ComplaintRow of(Complaint c) {
            return new ComplaintRow(c.id.toString(), moment(c.receivedAt), c.status == Complaint.Status.ANSWERED,
                    c.text == null || c.text.isBlank() ? null : c.text, c.answer, moment(c.answeredAt),
                    c.channel.name().toLowerCase(Locale.ROOT));
        }
    }

    /** A line of the register of disclosures. */
    @TemplateData
    record DisclosureRow(String recipient, String source, boolean policeClaim, String subjectId, String categories,
                         String fields, String basis, String reference, String disclosedAt) {
        static DisclosureRow of(Disclosure d) {
            return new DisclosureRow(d.recipient, d.service, d.kind == Disclosure.Kind.POLICE_CLAIM,
                    d.subjectId == null ? null : d.subjectId.toString(), d.categories.replace(",", ", "),
                    d.fields.replace(",", ", "), d.basis, d.reference, moment(d.disclosedAt));
        }
    }

    /** An active legal hold, from retention-service. */
    @TemplateData
    record HoldRow(String id, String about, String reference, String reason, String placedAt) {
        static List<HoldRow> of(JsonNode holds) {
            List<HoldRow> rows = new ArrayList<>();
            for (JsonNode h : holds) {
                String subject = text(h.path("subjectId"));
                String category = text(h.path("category"));
                String about = subject != null && category != null ? category + " of " + subject
                        : subject != null ? "everything of " + subject : "all of " + category;
                rows.add(new HoldRow(h.path("id").asText(), about, h.path("reference").asText(), h.path("reason").asText(),
                        moment(h.path("placedAt"))));
            }
            return rows;
        }
    }

    /** What the next days purge, per category and service (the dry run). */
    @TemplateData
    record DueRow(String category, String service, String kind, String what, String firstDue) {
        static List<DueRow> of(JsonNode lines) {
            List<DueRow> rows = new ArrayList<>();
            for (JsonNode l : lines) {
                // a clock names its subjects; a rolling rule purges every record from before its cut-off
                String cutoff = moment(l.path("cutoffAtEnd"));
                String what = l.path("subjects").asLong() > 0 || cutoff == null ? l.path("subjects").asLong() + " subjects"
                        : "records from before " + cutoff;
                rows.add(new DueRow(l.path("category").asText(), l.path("service").asText(), l.path("kind").asText(), what,
                        moment(l.path("firstDue"))));
            }
            return rows;
        }
    }

    /** A purge past due without a receipt. */
    @TemplateData
    record OverdueRow(String category, String service, String what, String dueSince, int attempts) {
        static List<OverdueRow> of(JsonNode lines) {
            List<OverdueRow> rows = new ArrayList<>();
            for (JsonNode l : lines) {
                rows.add(new OverdueRow(l.path("category").asText(), l.path("service").asText(), l.path("what").asText(),
                        moment(l.path("dueSince")), l.path("attempts").asInt()));
            }
            return rows;
        }
    }

    /**
     * A bar of a chart, placed: its label at the left, the bar (its length in the chart's units, the
     * longest {@link Chart#LONGEST}), and the figure in words after it. Templates do no arithmetic.
     */
    @TemplateData
    record Bar(String label, String figure, long length, long labelY, long barY, long figureX) {
    }

    /** A horizontal bar chart drawn as SVG (no script, no inline style): its bars and its height. */
    @TemplateData
    record Chart(List<Bar> bars, long height) {
        static final int LONGEST = 330;
        static final int PITCH = 28;
        /** Where the bars start: room for a category's name at the left (the templates draw them from here). */
        static final int LABELS = 200;

        /** One bar per value, the largest the full length, one under the other. */
        static Chart of(Map<String, ? extends Number> values, java.util.function.Function<Number, String> figure) {
            double max = values.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
            List<Bar> bars = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
                long length = max <= 0 ? 0 : Math.round(e.getValue().doubleValue() / max * LONGEST);
                long y = (long) i++ * PITCH;
                bars.add(new Bar(e.getKey(), figure.apply(e.getValue()), length, y + 18, y + 4, LABELS + length + 6));
            }
            return new Chart(bars, (long) bars.size() * PITCH + 4);
        }

        public boolean isEmpty() {
            return bars.isEmpty();
        }
    }

    /** A month of requests as a table row: the count of each type, in the order of {@link RequestType}. */
    @TemplateData
    record MonthRow(String month, List<Long> counts, long total) {
        static MonthRow of(PrivacyStatistics.MonthOfRequests m) {
            List<Long> counts = new ArrayList<>();
            for (RequestType type : RequestType.values()) {
                counts.add(m.byType().getOrDefault(type, 0L));
            }
            return new MonthRow(m.month(), counts, m.total());
        }
    }

    /** A month of answers as a table row. */
    @TemplateData
    record AnswerRow(String month, long answered, String medianDays, long late) {
        static AnswerRow of(PrivacyStatistics.MonthOfAnswers m) {
            return new AnswerRow(m.month(), m.answered(), String.format(Locale.ROOT, "%.1f", m.medianDays()), m.late());
        }
    }

    /** A choice in the form that files a request. */
    @TemplateData
    record RequestChoice(String value, String label) {
        static List<RequestChoice> all() {
            List<RequestChoice> choices = new ArrayList<>();
            for (RequestType type : RequestType.values()) {
                choices.add(new RequestChoice(type.name(), typeName(type)));
            }
            return choices;
        }
    }

    static String typeName(RequestType type) {
        return switch (type) {
            case ACCESS -> "Access: a copy of all your data";
            case PORTABILITY -> "Portability: your data to take elsewhere";
            case RECTIFICATION -> "Rectification: correct your data";
            case ERASURE -> "Erasure: delete your data";
            case RESTRICTION -> "Restriction: stop using your data for now";
            case OBJECTION -> "Objection: object to a use of your data";
        };
    }

    static String statusName(RequestStatus status) {
        return switch (status) {
            case RECEIVED -> "Received";
            case AWAITING_DECISION -> "Waiting for the privacy officer";
            case IN_PROGRESS -> "In progress";
            case COMPLETED -> "Answered";
            case REFUSED -> "Refused";
        };
    }

    static String day(LocalDate date) {
        return date == null ? null : DAY.format(date);
    }

    static String moment(Instant instant) {
        return instant == null ? null : MOMENT.format(instant.atZone(ZONE));
    }

    private static String moment(JsonNode instant) {
        return instant.isMissingNode() || instant.isNull() ? null : moment(Instant.parse(instant.asText()));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
