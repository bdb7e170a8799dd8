package io.cloudpro.platform.privacy;

import java.time.Instant;

/**
 * A new version of the privacy statement is in force (on {@value PrivacyTopics#STATEMENTS}): its
 * version (the date it took effect, with a sequence number when one day had two) and where to read it.
 * Consent proof records the version the person saw.
 */
public record StatementPublished(String version, Instant publishedAt, String url) {
}
