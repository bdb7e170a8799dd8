package io.cloudpro.privacy.service;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.client.SubjectDirectory;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.Channel;
import io.cloudpro.privacy.domain.Complaint;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.privacy.repository.ComplaintRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Complaints about how personal data was handled: filed by a logged-in customer or an address
 * verified by mail, acknowledged at once, answered by the privacy officer - every answer naming the
 * right to go to the Autoriteit Persoonsgegevens. The complaint's text goes when it is answered
 * (unsolicited personal data); the answer and the history stay.
 */
@ApplicationScoped
public class ComplaintService {

    private static final Logger LOG = Logger.getLogger(ComplaintService.class);

    public static final ProblemType ALREADY_ANSWERED = ProblemType.of("already-answered", 409, "Already answered");

    private final ComplaintRepository complaints;
    private final RequestRepository requests;
    private final MailOutbox mail;
    private final PrivacyMails mails;
    private final PrivacyRightsEvents events;
    private final HistoryLog history;
    private final SubjectDirectory directory;
    private final String officerEmail;

    ComplaintService(ComplaintRepository complaints, RequestRepository requests, MailOutbox mail, PrivacyMails mails,
                     PrivacyRightsEvents events, HistoryLog history, SubjectDirectory directory, PrivacyRightsConfig config) {
        this.complaints = complaints;
        this.requests = requests;
        this.mail = mail;
        this.mails = mails;
        this.events = events;
        this.history = history;
        this.directory = directory;
        this.officerEmail = config.officerEmail();
    }

    /** What the person writes, and the request it is about, if any. */
    public record Filing(String text, UUID requestId) {
    }

    public record Filed(Complaint complaint) {
    }

    /**
     * A logged-in customer's complaint. Their address (for the acknowledgement) comes from
     * identity-service; if it cannot answer now, the complaint is filed all the same and the person
     * follows it with their login.
     */
    public Filed fileByLogin(UUID loginId, Filing filing) {
        String email = null;
        try {
            email = directory.byLogin(loginId).email();
        } catch (ServiceCallException e) {
            LOG.warnf("Complaint filed without an acknowledgement mail: identity-service did not answer (%s)", e.getMessage());
        }
        String address = email;
        return QuarkusTransaction.requiringNew().call(() -> {
            if (filing.requestId() != null) {
                DsrRequest request = requests.findById(filing.requestId());
                if (request == null || !loginId.equals(request.loginId)) {
                    throw ProblemException.invalidField("requestId", "not one of your requests");
                }
            }
            return new Filed(create(Channel.LOGIN, loginId, address, filing));
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Filed fileVerified(String email, Filing filing) {
        UUID requestId = filing.requestId();
        if (requestId != null) {
            DsrRequest request = requests.findById(requestId);
            requestId = request != null && email.equals(request.email) ? requestId : null;
        }
        return new Filed(create(Channel.EMAIL, null, email, new Filing(filing.text(), requestId)));
    }

    private Complaint create(Channel channel, UUID loginId, String email, Filing filing) {
        Instant now = Timestamps.now();
        Complaint complaint = new Complaint();
        complaint.id = UUID.randomUUID();
        complaint.channel = channel;
        complaint.loginId = loginId;
        complaint.email = email;
        complaint.requestId = filing.requestId();
        complaint.text = filing.text().strip();
        complaint.status = Complaint.Status.RECEIVED;
        complaint.receivedAt = now;
        complaints.persist(complaint);
        if (email != null) {
            mail.send(mails.complaintReceived(email, complaint.id));
        }
        mail.send(mails.newComplaintForOfficer(officerEmail, complaint.id));
        events.complaintReceived(new PrivacyRightsEvents.ComplaintReceived(complaint.id, channel.name(), now));
        history.forComplaint(complaint.id, "complaint.received", HistoryLog.REQUESTER, Map.of("channel", channel.name(),
                "requestId", String.valueOf(complaint.requestId)));
        return complaint;
    }

    @Transactional
    public Complaint answer(UUID officerId, UUID complaintId, String answer) {
        Complaint complaint = complaints.lock(complaintId);
        if (complaint == null) {
            throw ProblemException.notFound("Complaint");
        }
        if (complaint.status == Complaint.Status.ANSWERED) {
            throw new ProblemException(ALREADY_ANSWERED, "This complaint was answered on " + complaint.answeredAt + ".");
        }
        Instant now = Timestamps.now();
        complaint.status = Complaint.Status.ANSWERED;
        complaint.answer = answer.strip();
        complaint.answeredBy = officerId;
        complaint.answeredAt = now;
        complaint.text = "";
        if (complaint.email != null) {
            mail.send(mails.complaintAnswered(complaint.email, complaint.id, complaint.answer));
        }
        events.complaintAnswered(new PrivacyRightsEvents.ComplaintAnswered(complaint.id, now));
        history.forComplaint(complaint.id, "complaint.answered", HistoryLog.officer(officerId), Map.of());
        return complaint;
    }

    @Transactional
    public Page<Complaint> queue(int page, int size) {
        return new Page<>(complaints.queue(page, size), page, size, complaints.count());
    }

    @Transactional
    public Complaint one(UUID complaintId) {
        Complaint complaint = complaints.findById(complaintId);
        if (complaint == null) {
            throw ProblemException.notFound("Complaint");
        }
        return complaint;
    }

    @Transactional
    public List<Complaint> ofLogin(UUID loginId) {
        return complaints.ofLogin(loginId);
    }
}
