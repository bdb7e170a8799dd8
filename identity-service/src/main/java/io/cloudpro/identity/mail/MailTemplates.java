package io.cloudpro.identity.mail;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.platform.config.CompanyDetails;
import io.cloudpro.platform.mail.MailMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The text of every mail identity-service sends. Links point at the customer front-end. */
@ApplicationScoped
public class MailTemplates {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'CET/CEST'", Locale.ENGLISH)
            .withZone(ZoneId.of("Europe/Amsterdam"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneId.of("Europe/Amsterdam"));

    private final String links;
    private final CompanyDetails company;

    MailTemplates(IdentityConfig config, CompanyDetails company) {
        this.links = config.linkBaseUrl().replaceAll("/+$", "");
        this.company = company;
    }

    public MailMessage verifyEmail(String to, String token) {
        return mail(to, "Confirm your e-mail address", """
                Welcome to %s.

                Please confirm that this is your e-mail address:
                %s

                The link works once and for 48 hours. If you did not create an account, ignore this mail;
                nothing will be sent to you again.""".formatted(company.name(), link("verify-email", token)));
    }

    public MailMessage confirmNewEmail(String to, String token) {
        return mail(to, "Confirm your new e-mail address", """
                You asked to use this address for your %s account. Please confirm:
                %s

                Until you confirm, your old address stays in use.""".formatted(company.name(), link("verify-email", token)));
    }

    public MailMessage emailChangeRequested(String to) {
        return mail(to, "Your e-mail address is being changed", """
                Someone logged in to your %s account asked to move it to another e-mail address.
                If that was not you, change your password now and contact %s.""".formatted(company.name(), company.email()));
    }

    public MailMessage memberInvitation(String to, String ownerName, String token) {
        return mail(to, ownerName + " shared a " + company.name() + " account with you", """
                %s gave you access to their %s account. Choose your password to log in:
                %s

                The link works once and for 7 days. The account owner can end your access at any time.""".formatted(
                ownerName, company.name(), link("activate", token)));
    }

    public MailMessage staffActivation(String to, String token) {
        return mail(to, "Your " + company.name() + " staff login", """
                A staff login was created for you. Choose your password:
                %s

                The link works once and for 7 days.""".formatted(link("activate", token)));
    }

    public MailMessage newLocation(String to, Instant when, String network, String userAgent) {
        return mail(to, "New login to your " + company.name() + " account", """
                Your account was just used from a network it has not used in the last 90 days.

                When:    %s
                Network: %s
                Browser: %s

                If this was you, there is nothing to do. If not, change your password at once and contact %s.""".formatted(
                WHEN.format(when), network, userAgent == null ? "unknown" : userAgent, company.email()));
    }

    public MailMessage passwordReset(String to, String token) {
        return mail(to, "Choose a new password for " + company.name(), """
                Someone asked to reset the password of your %s login. Choose a new one here:
                %s

                The link works once and for one hour; using it logs you out everywhere. If you did not ask
                for this, ignore this mail - your password stays as it is.""".formatted(company.name(),
                link("reset-password", token)));
    }

    public MailMessage passwordChanged(String to) {
        return mail(to, "Your " + company.name() + " password was changed", """
                The password of your %s login was just changed with a reset link, and every session was
                ended. If that was not you, reset it again at once and contact %s.""".formatted(company.name(),
                company.email()));
    }

    public MailMessage newsletterSubscribed(String to, String unsubscribeToken) {
        return mail(to, "You are subscribed to the " + company.name() + " newsletter", """
                You will receive our newsletter about new developments at %s.

                Every newsletter carries a link to unsubscribe with one click, no login needed:
                %s""".formatted(company.name(), unsubscribeLink(unsubscribeToken)));
    }

    /** One issue of the newsletter, with its one-click unsubscribe link. */
    public MailMessage newsletterIssue(String to, String subject, String text, String unsubscribeToken) {
        return mail(to, subject, text + """


                You receive this newsletter because you subscribed to it. Unsubscribe with one click, no login
                needed: %s""".formatted(unsubscribeLink(unsubscribeToken)));
    }

    public MailMessage accountClosed(String to) {
        return mail(to, "Your " + company.name() + " account is closed", """
                Your account is closed and nobody can log in to it any more. Your personal data is deleted
                when the retention periods in our privacy statement end; invoices are kept for 7 years
                because Dutch tax law (AWR art. 52) requires it.""");
    }

    public MailMessage accountReopened(String to) {
        return mail(to, "Your " + company.name() + " account is open again", """
                At your request our support team opened your account again; you can log in as before. The
                newsletter stays off until you subscribe again. If you did not ask for this, reply to this
                message.""");
    }

    public MailMessage applicationReceived(String to, String name, String vacancy) {
        return mail(to, "We received your application", """
                Dear %s,

                Thank you for applying for %s. We will let you know what we decide.

                If we do not hire you, we delete your application within four weeks of our decision, or after
                one year if you agreed that we keep it on file.""".formatted(name, vacancy));
    }

    public MailMessage applicationRejected(String to, String name, String vacancy, Instant deleteBy, boolean keptOnFile) {
        return mail(to, "Your application for " + vacancy, """
                Dear %s,

                Thank you for your interest. We have decided not to continue with your application for %s.

                %s We delete your application and CV by %s.""".formatted(name, vacancy,
                keptOnFile ? "As you agreed, we keep your application on file in case another position suits you."
                        : "We do not keep your application.", DAY.format(deleteBy)));
    }

    public String unsubscribeLink(String token) {
        return links + "/newsletter/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private String link(String page, String token) {
        return links + "/" + page + "?token=" + token;
    }

    private MailMessage mail(String to, String subject, String body) {
        return new MailMessage(to, subject, body + "\n\n-- \n" + company.oneLine() + "\n" + company.email()
                + " - " + company.ticketSystem() + "\n");
    }
}
