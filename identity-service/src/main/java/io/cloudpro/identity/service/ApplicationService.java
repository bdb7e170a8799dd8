package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.JobApplication;
import io.cloudpro.identity.domain.JobApplicationCv;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.JobApplicationCvRepository;
import io.cloudpro.identity.repository.JobApplicationRepository;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Responses to vacancies: "We will delete your personal data within four weeks should you not be
 * accepted" - or after up to a year if the applicant agreed. The decision event carries the date by
 * which a rejected application must be gone, for retention-service to act on.
 */
@ApplicationScoped
public class ApplicationService {

    private final JobApplicationRepository applications;
    private final JobApplicationCvRepository cvs;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final IdentityConfig.Applications config;

    ApplicationService(JobApplicationRepository applications, JobApplicationCvRepository cvs, IdentityEvents events,
                       MailOutbox mail, MailTemplates templates, IdentityConfig config) {
        this.applications = applications;
        this.cvs = cvs;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
        this.config = config.applications();
    }

    /** What an applicant sends; the CV was checked to be a PDF already. */
    public record Submission(String firstName, String lastName, String email, String vacancy, String motivation,
                             String portfolioUrl, boolean keepOnFileConsent, String cvFileName, byte[] cv) {
    }

    @Transactional
    public JobApplication submit(Submission submission) {
        JobApplication application = new JobApplication();
        application.id = UUID.randomUUID();
        application.firstName = submission.firstName().trim();
        application.lastName = submission.lastName().trim();
        application.email = Emails.normalise(submission.email());
        application.vacancy = submission.vacancy().trim();
        application.motivation = submission.motivation();
        application.portfolioUrl = submission.portfolioUrl();
        application.keepOnFileConsent = submission.keepOnFileConsent();
        application.status = JobApplication.Status.SUBMITTED;
        application.submittedAt = Timestamps.now();
        application.cvFileName = submission.cvFileName();
        application.cvSize = submission.cv().length;
        applications.persist(application);
        JobApplicationCv cv = new JobApplicationCv();
        cv.applicationId = application.id;
        cv.content = submission.cv();
        cvs.persist(cv);
        mail.send(templates.applicationReceived(application.email, application.firstName, application.vacancy));
        events.applicationSubmitted(new IdentityEvents.ApplicationSubmitted(application.id, application.vacancy,
                application.keepOnFileConsent, application.submittedAt));
        return application;
    }

    @Transactional
    public Page<JobApplication> list(JobApplication.Status status, int page, int size) {
        var query = applications.byStatus(status);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    @Transactional
    public JobApplication get(UUID id) {
        JobApplication application = applications.findById(id);
        if (application == null) {
            throw ProblemException.notFound("Application");
        }
        return application;
    }

    /** The application with its CV. */
    public record WithCv(JobApplication application, byte[] cv) {
    }

    @Transactional
    public WithCv cv(UUID id) {
        JobApplication application = get(id);
        return new WithCv(application, cvs.findById(id).content);
    }

    /** Hired or rejected, once. A rejection tells the applicant when their data will be gone. */
    @Transactional
    public JobApplication decide(Caller recruiter, UUID id, JobApplication.Status decision) {
        if (decision != JobApplication.Status.HIRED && decision != JobApplication.Status.REJECTED) {
            throw ProblemException.invalidField("decision", "must be HIRED or REJECTED");
        }
        JobApplication application = get(id);
        if (application.status != JobApplication.Status.SUBMITTED) {
            throw new ProblemException(IdentityProblems.ALREADY_DECIDED, "This application was decided on "
                    + application.decidedAt + ".");
        }
        Instant now = Timestamps.now();
        application.status = decision;
        application.decidedAt = now;
        application.decidedBy = recruiter.loginId();
        if (decision == JobApplication.Status.REJECTED) {
            application.retainUntil = now.plus(application.keepOnFileConsent ? config.keepOnFile()
                    : config.retainAfterRejection());
            mail.send(templates.applicationRejected(application.email, application.firstName, application.vacancy,
                    application.retainUntil, application.keepOnFileConsent));
        }
        events.applicationDecided(new IdentityEvents.ApplicationDecided(application.id, decision.name(),
                application.keepOnFileConsent, now, application.retainUntil));
        return application;
    }
}
