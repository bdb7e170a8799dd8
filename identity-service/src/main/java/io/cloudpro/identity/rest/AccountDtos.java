package io.cloudpro.identity.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.PostalAddress;
import io.cloudpro.identity.service.AccountService;
import io.cloudpro.platform.validation.KvkNumber;
import io.cloudpro.platform.validation.PhoneNumber;
import io.cloudpro.platform.validation.SingleLine;
import io.cloudpro.platform.validation.ValidAddress;
import io.cloudpro.platform.validation.VatId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Requests and responses of the account endpoints. */
public final class AccountDtos {

    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private AccountDtos() {
    }

    @ValidAddress
    @Schema(name = "Address")
    public record Address(
            @NotBlank @Size(max = 200) @SingleLine @Schema(examples = "Dorpsstraat 1") String street,
            @NotBlank @Size(max = 16) @Schema(examples = "5042 CR") String postalCode,
            @NotBlank @Size(max = 100) @SingleLine @Schema(examples = "Tilburg") String city,
            @NotBlank @Schema(description = "ISO 3166-1 alpha-2", examples = "NL") String country)
            implements ValidAddress.HasAddress {

        PostalAddress toDomain() {
            return new PostalAddress(street, postalCode, city, country);
        }

        static Address of(PostalAddress address) {
            return new Address(address.street(), address.postalCode(), address.city(), address.country());
        }
    }

    @Schema(name = "Company", description = "For business customers: what goes on their invoices")
    public record Company(
            @NotBlank @Size(max = 200) @SingleLine @Schema(examples = "Jansen Hosting B.V.") String name,
            @NotNull @Valid Address address,
            @VatId @Schema(examples = "NL181702587B02") String vatId,
            @KvkNumber @Schema(examples = "27347391") String kvkNumber) {

        io.cloudpro.identity.domain.Company toDomain() {
            return new io.cloudpro.identity.domain.Company(name, address.toDomain(), vatId, kvkNumber);
        }

        static Company of(io.cloudpro.identity.domain.Company company) {
            return company == null ? null
                    : new Company(company.name(), Address.of(company.address()), company.vatId(), company.kvkNumber());
        }
    }

    @Schema(name = "RegisterRequest")
    public record RegisterRequest(
            @NotBlank @Size(max = 100) @SingleLine @Schema(examples = "Jan") String firstName,
            @NotBlank @Size(max = 100) @SingleLine @Schema(examples = "Jansen") String lastName,
            @NotNull @Valid Address address,
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL) @Schema(examples = "jan@example.nl") String email,
            @NotNull @Size(min = 10, max = 128) @Schema(description = "10 to 128 characters, any characters",
                    examples = "correct horse battery staple") String password,
            @PhoneNumber @Schema(description = "E.164, only for emergencies", examples = "+31135000000") String phone,
            @Valid Company company,
            @Schema(description = "Opt in to the newsletter") boolean newsletter,
            @Size(max = 20) @Schema(description = "Version (date) of the privacy statement shown; default: the current one",
                    examples = "2019-01-25") String privacyNoticeVersion) {

        AccountService.Registration toDomain() {
            return new AccountService.Registration(firstName, lastName, address.toDomain(), email, password, phone,
                    company == null ? null : company.toDomain(), newsletter, privacyNoticeVersion);
        }
    }

    @Schema(name = "VerifyEmailRequest")
    public record TokenRequest(@NotBlank @Size(max = 200) String token) {
    }

    @Schema(name = "EmailRequest")
    public record EmailRequest(@NotBlank @Size(max = 254) @Email(regexp = EMAIL) String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Profile", description = "The caller's own data. For a member: their login and the account they share.")
    public record Profile(UUID accountId, UUID loginId,
                          @Schema(enumeration = {"OWNER", "MEMBER"}) String role,
                          String email, boolean emailVerified, String firstName, String lastName,
                          Address address, String phone, Company company, Boolean newsletterSubscribed,
                          String status, Instant createdAt,
                          @Schema(description = "Set while processing of the account's data is restricted at your request"
                                  + " (GDPR art. 18)") Instant restrictedSince) {

        static Profile of(Credential login, Account account) {
            boolean owner = login.kind == Credential.Kind.OWNER;
            return new Profile(account.id, login.id, login.kind.name(), login.email, login.emailVerified,
                    owner ? account.firstName : login.firstName, owner ? account.lastName : login.lastName,
                    Address.of(AccountService.addressOf(account)), account.phone,
                    Company.of(AccountService.companyOf(account)), owner ? account.newsletterSubscribed : null,
                    account.status.name(), account.createdAt, account.restrictedAt);
        }
    }

    /**
     * A JSON merge patch (RFC 7396) of the profile: fields left out stay as they are, {@code null}
     * removes an optional one (phone, company). Address and company are replaced as a whole.
     */
    @Schema(name = "ProfilePatch")
    public static final class ProfilePatch {
        @Size(min = 1, max = 100)
        @SingleLine
        public String firstName;
        @Size(min = 1, max = 100)
        @SingleLine
        public String lastName;
        @Valid
        public Address address;
        @PhoneNumber
        public String phone;
        @Valid
        public Company company;

        @JsonIgnore
        private final Set<String> present = new HashSet<>();

        public void setFirstName(String firstName) {
            this.firstName = firstName;
            present.add("firstName");
        }

        public void setLastName(String lastName) {
            this.lastName = lastName;
            present.add("lastName");
        }

        public void setAddress(Address address) {
            this.address = address;
            present.add("address");
        }

        public void setPhone(String phone) {
            this.phone = phone;
            present.add("phone");
        }

        public void setCompany(Company company) {
            this.company = company;
            present.add("company");
        }

        /** Whether the request named the field (possibly as null). */
        public boolean has(String field) {
            return present.contains(field);
        }

        AccountService.ProfileChanges toDomain() {
            return new AccountService.ProfileChanges(change("firstName", firstName), change("lastName", lastName),
                    change("address", address == null ? null : address.toDomain()), change("phone", phone),
                    change("company", company == null ? null : company.toDomain()));
        }

        private <T> AccountService.Change<T> change(String field, T value) {
            return has(field) ? new AccountService.Change<>(value) : null;
        }
    }

    @Schema(name = "ChangePasswordRequest")
    public record ChangePasswordRequest(@NotNull String currentPassword,
                                        @NotNull @Size(min = 10, max = 128) String newPassword) {
    }

    @Schema(name = "ChangeEmailRequest")
    public record ChangeEmailRequest(@NotBlank @Size(max = 254) @Email(regexp = EMAIL) String newEmail,
                                     @NotNull String password) {
    }

    @Schema(name = "CloseAccountRequest")
    public record PasswordConfirmation(@NotNull String password) {
    }

    @Schema(name = "LoginHistoryEntry")
    public record LoginEntry(Instant occurredAt, String ip, String userAgent,
                             @Schema(enumeration = {"PENDING", "SUCCESS", "FAILURE", "THROTTLED"}) String outcome,
                             @Schema(enumeration = {"LOGIN", "CONFIRMATION"},
                                     description = "A login, or a password given to confirm a change") String purpose,
                             boolean newLocation) {

        static LoginEntry of(LoginAttempt attempt) {
            return new LoginEntry(attempt.occurredAt, attempt.ip, attempt.userAgent, attempt.outcome.name(),
                    attempt.purpose.name(), attempt.newLocation);
        }
    }

    @Schema(name = "InviteMemberRequest")
    public record InviteMember(@NotBlank @Size(max = 254) @Email(regexp = EMAIL) String email,
                               @NotBlank @Size(max = 100) @SingleLine String firstName,
                               @NotBlank @Size(max = 100) @SingleLine String lastName) {
    }

    @Schema(name = "Member")
    public record Member(UUID id, String email, String firstName, String lastName,
                         @Schema(enumeration = {"PENDING", "ACTIVE", "LOCKED", "CLOSED"}) String status,
                         Instant invitedAt) {

        static Member of(Credential member) {
            return new Member(member.id, member.email, member.firstName, member.lastName, member.status.name(),
                    member.createdAt);
        }
    }

    @Schema(name = "Members")
    public record Members(List<Member> items) {
    }
}
