package io.cloudpro.privacy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Period;

/** privacy-rights-service's settings, under {@code privacy}; see the service README for the variables. */
@ConfigMapping(prefix = "privacy")
public interface PrivacyRightsConfig {

    /** Where people and the privacy officer reach this service: links in mails (PUBLIC_URL). */
    @WithDefault("https://privacy.cloudpro.io")
    String publicUrl();

    /** The privacy officer's mailbox: overdue requests and new complaints are reported there. */
    @WithDefault("privacy@cloudpro.io")
    String officerEmail();

    /**
     * A new privacy statement is generated when the services' catalogues changed and then stayed
     * unchanged this long (a suite starting up publishes several catalogues within seconds).
     */
    @WithDefault("30s")
    Duration statementSettle();

    Verification verification();

    Participants participants();

    Packages packages();

    Requests requests();

    Portal portal();

    interface Verification {
        /** How long a mailed code is good for. */
        @WithDefault("30m")
        Duration codeTtl();

        /** Wrong codes before the verification is void. */
        @WithDefault("5")
        int maxAttempts();

        /** Codes mailed to one address per hour; beyond that the answer looks the same but no mail goes. */
        @WithDefault("5")
        int maxPerAddressPerHour();
    }

    interface Participants {
        /** A participant that has not answered is sent the command again after this, doubling up to the maximum. */
        @WithDefault("1m")
        Duration retryAfter();

        @WithDefault("1h")
        Duration maxRetryInterval();
    }

    interface Packages {
        /** How long an access or portability package can be downloaded; then it is deleted. */
        @WithDefault("P14D")
        Period ttl();
    }

    interface Requests {
        /** How often open requests are moved on (looked up, retried, answered); also woken at once by events. */
        @WithDefault("1s")
        Duration processInterval();

        /** How often overdue requests are reported and expired packages and codes deleted. */
        @WithDefault("1m")
        Duration housekeepingInterval();

        /** Open requests this close to their deadline are flagged in the officer's queue. */
        @WithDefault("7")
        int dueSoonDays();

        /** How long before lifting a restriction the person is told (GDPR art. 18(3)). */
        @WithDefault("7d")
        Duration restrictionLiftNotice();
    }

    /** The privacy portal's pages (package {@code web}): who is logged in, behind a cookie. */
    interface Portal {
        /**
         * 32 random bytes, base64 (PORTAL_SESSION_KEY): the key the identity-service tokens of a
         * portal session are encrypted with, and the forms' CSRF tokens derived from.
         */
        String sessionKey();

        /**
         * retention-service's address (RETENTION_URL), for the officer's pages. Configured, not taken
         * from the catalogue it publishes: the officer's token goes there.
         */
        String retentionUrl();

        /** A portal session nobody used this long is over: the person logs in again. */
        @WithDefault("30m")
        Duration idleTimeout();
    }
}
