package io.cloudpro.identity.domain;

import java.util.UUID;

/** A subscriber of the newsletter: the account and its owner's address. */
public record NewsletterRecipient(UUID accountId, String email) {
}
