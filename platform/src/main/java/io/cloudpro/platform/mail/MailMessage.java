package io.cloudpro.platform.mail;

/** A plain-text mail to one person. */
public record MailMessage(String to, String subject, String body) {
}
