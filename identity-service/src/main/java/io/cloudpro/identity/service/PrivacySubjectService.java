package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.JobApplication;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.JobApplicationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Whom a data-subject request is about, for privacy-rights-service: the ids this service knows a
 * person by, found from the login that filed it or from the verified e-mail address. Every login
 * and job application under that address counts - an account closed years ago as much as today's.
 */
@ApplicationScoped
public class PrivacySubjectService {

    private final CredentialRepository credentials;
    private final JobApplicationRepository applications;

    PrivacySubjectService(CredentialRepository credentials, JobApplicationRepository applications) {
        this.credentials = credentials;
        this.applications = applications;
    }

    /** The ids, and the address they were found by (null when nothing was found). */
    public record ResolvedSubject(String email, List<UUID> accountIds, List<UUID> loginIds, List<UUID> applicationIds) {
        static final ResolvedSubject NOBODY = new ResolvedSubject(null, List.of(), List.of(), List.of());
    }

    /** By the login that filed the request, or else by an e-mail address. */
    @Transactional
    public ResolvedSubject resolve(UUID loginId, String email) {
        String address = loginId != null
                ? java.util.Optional.ofNullable(credentials.findById(loginId)).map(l -> l.email).orElse(null)
                : Emails.normalise(email);
        if (address == null || address.isBlank()) {
            return ResolvedSubject.NOBODY;
        }
        List<Credential> logins = credentials.list("email = ?1 ORDER BY createdAt", address);
        List<UUID> applied = applications.list("email = ?1 ORDER BY submittedAt", address).stream()
                .map((JobApplication a) -> a.id).toList();
        if (logins.isEmpty() && applied.isEmpty()) {
            return new ResolvedSubject(address, List.of(), List.of(), List.of());
        }
        List<UUID> accountIds = logins.stream().filter(l -> l.kind == Credential.Kind.OWNER)
                .map(l -> l.accountId).filter(Objects::nonNull).distinct().toList();
        return new ResolvedSubject(address, accountIds, logins.stream().map(l -> l.id).toList(), applied);
    }
}
