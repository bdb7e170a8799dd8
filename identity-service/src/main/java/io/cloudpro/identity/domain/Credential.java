package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Someone who can log in: an account's owner, a member the owner shares the account with, or a
 * staff member. Its id is the {@code sub} of the person's access tokens.
 */
@Entity
@Table(name = "credential")
public class Credential {

    public enum Kind { OWNER, MEMBER, STAFF }

    /** PENDING: no password chosen yet (invited members, new staff). */
    public enum Status { PENDING, ACTIVE, LOCKED, REVOKED, CLOSED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The customer account an owner or member acts for; null for staff. */
    @Column(name = "account_id")
    public UUID accountId;

    /** Lower-case; the login name. */
    @Column(nullable = false)
    public String email;

    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    /** argon2id in PHC string format; null until a password was chosen. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** Members' and staff members' own names (an owner's name is on the account). */
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;

    /** Staff roles, comma-separated. */
    @Column(name = "roles")
    public String roles;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public Set<String> roleSet() {
        return roleSet(roles);
    }

    /** Roles as stored: comma-separated. */
    public static Set<String> roleSet(String roles) {
        if (roles == null || roles.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(roles.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    public void setRoles(Set<String> roleSet) {
        this.roles = String.join(",", new TreeSet<>(roleSet));
    }

    /** Active, with a password, and - for an account owner - a confirmed e-mail address. */
    public boolean canLogIn() {
        return status == Status.ACTIVE && passwordHash != null && (emailVerified || kind != Kind.OWNER);
    }
}
