package io.cloudpro.identity.service;

import java.util.Locale;

/** E-mail addresses as the service stores and compares them. */
public final class Emails {

    private Emails() {
    }

    /** Trimmed and lower-case: one login per mailbox, however it is typed. */
    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
