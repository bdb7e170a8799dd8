package io.cloudpro.privacy.mail;

import io.cloudpro.platform.config.CompanyDetails;
import io.cloudpro.platform.mail.MailMessage;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RefusalReason;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Every mail privacy-rights-service sends. Whatever refuses or limits a right names the right to
 * complain to the Autoriteit Persoonsgegevens and to go to court (GDPR art. 12(4), 77, 79).
 */
@ApplicationScoped
public class PrivacyMails {

    /** The text every refusal and every answer to a complaint carries. */
    public static final String COMPLAINT_RIGHTS = """
            If you do not agree, you have the right to lodge a complaint with the Dutch supervisory authority,
            the Autoriteit Persoonsgegevens (https://autoriteitpersoonsgegevens.nl, Postbus 93374, 2509 AJ Den Haag),
            and the right to seek a remedy in court (GDPR articles 77 and 79).""";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final CompanyDetails company;
    private final String publicUrl;

    PrivacyMails(CompanyDetails company, PrivacyRightsConfig config) {
        this.company = company;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    public static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** The same mail for every address, whether or not it has an account. */
    public MailMessage verificationCode(String to, String code, String what, long minutes) {
        return mail(to, "Your code to confirm your " + what, """
                Someone - we hope you - asked %s for %s with this e-mail address.
                To confirm that this address is yours, enter this code within %d minutes:

                    %s

                If you did not ask for this, ignore this mail: nothing happens without the code.
                We will never ask you for a copy of an identity document.""".formatted(company.name(), what, minutes, code));
    }

    public MailMessage requestReceived(String to, DsrRequest request) {
        return mail(to, "We received your request: " + request.type.description(), """
                We received your request for %s on %s (reference %s).
                The law gives us one month: you will have our answer by %s at the latest. If the request
                turns out to be complex, we may need up to two more months; we would tell you why before %s.""".formatted(
                request.type.description(), date(request.receivedOn), request.id, date(request.dueOn), date(request.dueOn)));
    }

    public MailMessage extended(String to, DsrRequest request) {
        return mail(to, "We need more time for your request", """
                We need more time to answer your request for %s of %s (reference %s).
                Our answer will reach you by %s at the latest. Why:

                %s

                %s""".formatted(request.type.description(), date(request.receivedOn), request.id, date(request.extendedTo),
                request.extensionReasons, COMPLAINT_RIGHTS));
    }

    public MailMessage refused(String to, DsrRequest request, RefusalReason reason, String explanation) {
        return mail(to, "Our answer to your request: refused", """
                We cannot grant your request for %s of %s (reference %s).

                %s
                %s

                %s""".formatted(request.type.description(), date(request.receivedOn), request.id, reason.text(),
                explanation == null ? "" : explanation, COMPLAINT_RIGHTS));
    }

    public MailMessage packageReady(String to, DsrRequest request, String token, Instant expiresAt) {
        return mail(to, "Your data is ready to download", """
                Your request for %s of %s (reference %s) is answered. Download your data here - the link works
                once, or as often as you like when you are logged in, until %s; then we delete this copy:

                %s/api/v1/privacy/packages/%s?token=%s

                It holds what each of our services keeps about you and an information sheet: why we keep it, on
                which legal basis, who received it, how long we keep it and where it came from.

                %s""".formatted(request.type.description(), date(request.receivedOn), request.id,
                date(expiresAt.atZone(io.cloudpro.privacy.domain.Deadlines.ZONE).toLocalDate()), publicUrl, request.id, token,
                COMPLAINT_RIGHTS));
    }

    /** The answer to an erasure, restriction, rectification or objection: what each service did. */
    public MailMessage completed(String to, DsrRequest request, String summary) {
        return mail(to, "Our answer to your request: " + request.type.description(), """
                Your request for %s of %s (reference %s) is done. What each of our services did:

                %s

                %s""".formatted(request.type.description(), date(request.receivedOn), request.id, summary, COMPLAINT_RIGHTS));
    }

    public MailMessage restrictionToBeLifted(String to, DsrRequest request, Instant liftAt, String reason) {
        return mail(to, "We will lift the restriction of your data", """
                On your request of %s (reference %s) we restricted the processing of your data. We will lift that
                restriction on %s, because:

                %s

                Until then nothing changes. %s""".formatted(date(request.receivedOn), request.id,
                date(liftAt.atZone(io.cloudpro.privacy.domain.Deadlines.ZONE).toLocalDate()), reason, COMPLAINT_RIGHTS));
    }

    public MailMessage restrictionLifted(String to, DsrRequest request) {
        return mail(to, "The restriction of your data is lifted", """
                As we told you, the restriction of processing you asked for on %s (reference %s) is lifted today.
                %s""".formatted(date(request.receivedOn), request.id, COMPLAINT_RIGHTS));
    }

    public MailMessage overdue(String to, int count, String list) {
        return mail(to, count + " data-subject request(s) past their deadline", """
                These requests are past their legal deadline (GDPR art. 12(3)) and not answered yet:

                %s

                The queue: %s/api/v1/privacy/officer/requests""".formatted(list, publicUrl));
    }

    public MailMessage complaintReceived(String to, java.util.UUID complaintId) {
        return mail(to, "We received your complaint", """
                We received your complaint (reference %s) and will answer it as soon as we can, within a month.

                %s""".formatted(complaintId, COMPLAINT_RIGHTS));
    }

    public MailMessage complaintAnswered(String to, java.util.UUID complaintId, String answer) {
        return mail(to, "Our answer to your complaint", """
                Our answer to your complaint (reference %s):

                %s

                %s""".formatted(complaintId, answer, COMPLAINT_RIGHTS));
    }

    public MailMessage newComplaintForOfficer(String to, java.util.UUID complaintId) {
        return mail(to, "A new complaint", "A new complaint arrived (reference " + complaintId + "): "
                + publicUrl + "/api/v1/privacy/officer/complaints");
    }

    private MailMessage mail(String to, String subject, String body) {
        return new MailMessage(to, subject, body + "\n\n-- \n" + company.name() + " - privacy\n" + company.oneLine() + "\n");
    }
}
