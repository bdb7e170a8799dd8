package io.cloudpro.privacy.service;

import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.EmailVerification;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.repository.VerificationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * People without a login prove that an address is theirs with a six-digit code mailed to it: a
 * few tries, a short expiry, never a copy of an identity document. The answer to the requester is
 * the same for every address - whether it has an account is something only its mailbox learns
 * later - and a repeated request gets a code of its own: nothing skips verification.
 */
@ApplicationScoped
public class Verifications {

    public static final ProblemType CODE_NOT_ACCEPTED = ProblemType.of("code-not-accepted", 400, "Code not accepted");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final VerificationRepository verifications;
    private final RequestService requestService;
    private final ComplaintService complaints;
    private final MailOutbox mail;
    private final PrivacyMails mails;
    private final Json json;
    private final PrivacyRightsConfig.Verification config;

    Verifications(VerificationRepository verifications, RequestService requestService, ComplaintService complaints,
                  MailOutbox mail, PrivacyMails mails, Json json, PrivacyRightsConfig config) {
        this.verifications = verifications;
        this.requestService = requestService;
        this.complaints = complaints;
        this.mail = mail;
        this.mails = mails;
        this.json = json;
        this.config = config.verification();
    }

    /** What the requester is told, whatever the address: where to enter the code, and until when. */
    public record Pending(UUID verificationId, Instant expiresAt) {
    }

    /** What a verified address files: a request or a complaint. */
    public record Verified(EmailVerification.Purpose purpose, RequestService.Filed request, ComplaintService.Filed complaint) {
    }

    @Transactional
    public Pending startRequest(String email, RequestService.Filing filing) {
        RequestService.check(filing);
        return start(EmailVerification.Purpose.REQUEST, email, json.write(filing), "request (" + filing.type().description() + ")");
    }

    @Transactional
    public Pending startComplaint(String email, ComplaintService.Filing filing) {
        return start(EmailVerification.Purpose.COMPLAINT, email, json.write(filing), "complaint");
    }

    private Pending start(EmailVerification.Purpose purpose, String rawEmail, String payload, String what) {
        Instant now = Timestamps.now();
        String email = rawEmail.strip().toLowerCase(Locale.ROOT);
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(config.codeTtl());
        if (verifications.countSince(email, now.minus(Duration.ofHours(1))) >= config.maxPerAddressPerHour()) {
            // the same answer, but no more mail to this address this hour; the id leads nowhere
            return new Pending(id, expiresAt);
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        EmailVerification verification = new EmailVerification();
        verification.id = id;
        verification.purpose = purpose;
        verification.email = email;
        verification.payload = payload;
        verification.codeHash = hash(id, code);
        verification.attempts = 0;
        verification.createdAt = now;
        verification.expiresAt = expiresAt;
        verifications.persist(verification);
        mail.send(mails.verificationCode(email, code, what, config.codeTtl().toMinutes()));
        return new Pending(id, expiresAt);
    }

    /**
     * Checks the code. Right: the request or complaint is filed and the verification is gone. Wrong:
     * a problem saying how many tries are left; after the last one it is gone as well.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Verified verify(UUID verificationId, String code) {
        EmailVerification verification = verifications.lock(verificationId);
        Instant now = Timestamps.now();
        if (verification == null || !verification.expiresAt.isAfter(now)) {
            throw new ProblemException(CODE_NOT_ACCEPTED, "This code is wrong or has expired. Start again to get a new one.");
        }
        if (code == null || !MessageDigest.isEqual(hash(verificationId, code.strip()).getBytes(StandardCharsets.US_ASCII),
                verification.codeHash.getBytes(StandardCharsets.US_ASCII))) {
            verification.attempts++;
            int left = config.maxAttempts() - verification.attempts;
            if (left <= 0) {
                verifications.delete(verification);
                throw new ProblemException(CODE_NOT_ACCEPTED, "This code is wrong, and that was the last try. Start again"
                        + " to get a new one.");
            }
            throw new ProblemException(CODE_NOT_ACCEPTED, "This code is wrong; " + left + (left == 1 ? " try" : " tries")
                    + " left.", java.util.List.of(), java.util.Map.of("triesLeft", left));
        }
        verifications.delete(verification);
        return switch (verification.purpose) {
            case REQUEST -> new Verified(verification.purpose,
                    requestService.fileVerified(verification.email, json.read(verification.payload, RequestService.Filing.class)),
                    null);
            case COMPLAINT -> new Verified(verification.purpose, null,
                    complaints.fileVerified(verification.email, json.read(verification.payload, ComplaintService.Filing.class)));
        };
    }

    @Transactional
    public long deleteExpired() {
        return verifications.deleteExpired(Timestamps.now());
    }

    private static String hash(UUID id, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(id.toString().getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            return HexFormat.of().formatHex(digest.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
