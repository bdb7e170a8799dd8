package io.cloudpro.identity.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.identity.rest.validation.ValidAddress;
import io.cloudpro.identity.rest.validation.VatId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
    static final String E164 = "\\+[1-9][0-9]{7,14}";

    private AccountDtos() {
    }

    @ValidAddress
    @Schema(name = "Address")
    public record Address(
            @NotBlank @Size(max = 200) @Schema(examples = "Dorpsstraat 1") String street,
            @NotBlank @Size(max = 16) @Schema(examples = "5042 CR") String postalCode,
            @NotBlank @Size(max = 100) @Schema(examples = "Tilburg") String city,
            @NotBlank @Schema(description = "ISO 3166-1 alpha-2", examples = "NL") String country)
            implements ValidAddress.HasAddress {
    }

    @Schema(name = "Company", description = "For business customers: what goes on their invoices")
    public record Company(
            @NotBlank @Size(max = 200) @Schema(examples = "Jansen Hosting B.V.") String name,
            @NotNull @Valid Address address,
            @VatId @Schema(examples = "NL181702587B02") String vatId,
            @Pattern(regexp = "[0-9]{8}", message = "must be a KvK number of 8 digits") @Schema(examples = "27347391")
            String kvkNumber) {
    }

    @Schema(name = "RegisterRequest")
    public record RegisterRequest(
            @NotBlank @Size(max = 100) @Schema(examples = "Jan") String firstName,
            @NotBlank @Size(max = 100) @Schema(examples = "Jansen") String lastName,
            @NotNull @Valid Address address,
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL) @Schema(examples = "jan@example.nl") String email,
            @NotNull @Size(min = 10, max = 128) @Schema(description = "10 to 128 characters, any characters",
                    examples = "correct horse battery staple") String password,
            @Pattern(regexp = E164, message = "must be an international number such as +31135000000")
            @Schema(description = "E.164, only for emergencies", examples = "+31135000000") String phone,
            @Valid Company company,
            @Schema(description = "Opt in to the newsletter") boolean newsletter,
            @Schema(description = "Version (date) of the privacy statement shown; default: the current one",
                    examples = "2019-01-25") String privacyNoticeVersion) {
    }

    @Schema(name = "VerifyEmailRequest")
    public record TokenRequest(@NotBlank @Size(max = 200) String token) {
    }

    @Schema(name = "ResendVerificationRequest")
    public record EmailRequest(@NotBlank @Size(max = 254) @Email(regexp = EMAIL) String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Profile", description = "The caller's own data. For a member: their login and the account they share.")
    public record Profile(UUID accountId, UUID loginId,
                          @Schema(enumeration = {"OWNER", "MEMBER"}) String role,
                          String email, boolean emailVerified, String firstName, String lastName,
                          Address address, String phone, Company company, Boolean newsletterSubscribed,
                          String status, Instant createdAt) {
    }

    /**
     * A JSON merge patch (RFC 7396) of the profile: fields left out stay as they are, {@code null}
     * removes an optional one (phone, company). Address and company are replaced as a whole.
     */
    @Schema(name = "ProfilePatch")
    public static final class ProfilePatch {
        @Size(min = 1, max = 100)
        public String firstName;
        @Size(min = 1, max = 100)
        public String lastName;
        @Valid
        public Address address;
        @Pattern(regexp = E164, message = "must be an international number such as +31135000000")
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
                             @Schema(enumeration = {"SUCCESS", "FAILURE", "THROTTLED"}) String outcome,
                             boolean newLocation) {
    }

    @Schema(name = "InviteMemberRequest")
    public record InviteMember(@NotBlank @Size(max = 254) @Email(regexp = EMAIL) String email,
                               @NotBlank @Size(max = 100) String firstName,
                               @NotBlank @Size(max = 100) String lastName) {
    }

    @Schema(name = "Member")
    public record Member(UUID id, String email, String firstName, String lastName,
                         @Schema(enumeration = {"PENDING", "ACTIVE", "LOCKED", "CLOSED"}) String status,
                         Instant invitedAt) {
    }

    @Schema(name = "Members")
    public record Members(List<Member> items) {
    }
}
