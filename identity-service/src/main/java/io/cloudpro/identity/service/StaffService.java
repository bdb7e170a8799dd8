package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Staff logins and their roles. The first admin comes from configuration at first start, without
 * a password: an activation link goes to the configured address. There is never a default password.
 */
@ApplicationScoped
public class StaffService {

    public static final Set<String> STAFF_ROLES = Set.of(Roles.SUPPORT, Roles.PRIVACY_OFFICER, Roles.RECRUITER, Roles.ADMIN);
    private static final Logger LOG = Logger.getLogger(StaffService.class);

    private final CredentialRepository credentials;
    private final OneTimeTokens oneTimeTokens;
    private final Sessions sessions;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final IdentityConfig config;

    StaffService(CredentialRepository credentials, OneTimeTokens oneTimeTokens, Sessions sessions, MailOutbox mail,
                 MailTemplates templates, IdentityConfig config) {
        this.credentials = credentials;
        this.oneTimeTokens = oneTimeTokens;
        this.sessions = sessions;
        this.mail = mail;
        this.templates = templates;
        this.config = config;
    }

    void createFirstAdmin(@Observes StartupEvent event) {
        config.bootstrapAdminEmail().filter(email -> !email.isBlank()).ifPresent(email -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (credentials.countStaffWithRole(Roles.ADMIN) == 0
                            && credentials.findLiveByEmail(Emails.normalise(email)).isEmpty()) {
                        create(email, "Platform", "Administrator", Set.of(Roles.ADMIN));
                        LOG.info("Created the first admin login from BOOTSTRAP_ADMIN_EMAIL; its activation link was mailed");
                    }
                });
            } catch (RuntimeException e) {
                // another replica starting at the same moment created it: the unique address says no
                LOG.infof("The first admin was not created here (%s); another replica probably did",
                        e.getClass().getSimpleName());
            }
        });
    }

    @Transactional
    public Credential create(String email, String firstName, String lastName, Set<String> roles) {
        requireStaffRoles(roles);
        String address = Emails.normalise(email);
        if (credentials.findLiveByEmail(address).isPresent()) {
            throw new ProblemException(IdentityProblems.EMAIL_TAKEN, "This e-mail address already has a login.");
        }
        Instant now = Timestamps.now();
        Credential staff = new Credential();
        staff.id = UUID.randomUUID();
        staff.kind = Credential.Kind.STAFF;
        staff.email = address;
        staff.firstName = firstName.trim();
        staff.lastName = lastName.trim();
        staff.setRoles(roles);
        staff.status = Credential.Status.PENDING;
        staff.createdAt = now;
        staff.updatedAt = now;
        credentials.persist(staff);
        mail.send(templates.staffActivation(address, oneTimeTokens.issue(OneTimeToken.Purpose.ACTIVATE, staff.id, null)));
        return staff;
    }

    @Transactional
    public List<Credential> list() {
        return credentials.findStaff();
    }

    /**
     * Gives a staff member new roles. Taking a role away ends their sessions everywhere: a demoted
     * admin's tokens must not keep the old role until they expire.
     */
    @Transactional
    public Credential setRoles(UUID staffId, Set<String> roles) {
        requireStaffRoles(roles);
        credentials.lockAdminChanges();
        Credential staff = find(staffId);
        if (staff.roleSet().contains(Roles.ADMIN) && !roles.contains(Roles.ADMIN)) {
            requireAnotherAdmin();
        }
        boolean demoted = !roles.containsAll(staff.roleSet());
        staff.setRoles(roles);
        staff.updatedAt = Timestamps.now();
        if (demoted) {
            sessions.endAll(staff.id, null, "staff-roles-reduced");
        }
        return staff;
    }

    @Transactional
    public void revoke(UUID staffId) {
        credentials.lockAdminChanges();
        Credential staff = find(staffId);
        if (staff.roleSet().contains(Roles.ADMIN)) {
            requireAnotherAdmin();
        }
        staff.status = Credential.Status.REVOKED;
        staff.updatedAt = Timestamps.now();
        sessions.endAll(staff.id, null, "staff-revoked");
    }

    private Credential find(UUID staffId) {
        Credential staff = credentials.findById(staffId);
        if (staff == null || staff.kind != Credential.Kind.STAFF || staff.status == Credential.Status.REVOKED) {
            throw ProblemException.notFound("Staff member");
        }
        return staff;
    }

    private void requireAnotherAdmin() {
        if (credentials.countStaffWithRole(Roles.ADMIN) <= 1) {
            throw new ProblemException(IdentityProblems.LAST_ADMIN, "This is the last admin; make someone else admin first.");
        }
    }

    private static void requireStaffRoles(Set<String> roles) {
        if (roles == null || roles.isEmpty() || !STAFF_ROLES.containsAll(roles)) {
            throw ProblemException.invalidField("roles", "must be one or more of " + String.join(", ",
                    STAFF_ROLES.stream().sorted().toList()));
        }
    }
}
