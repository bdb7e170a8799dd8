package io.cloudpro.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** identity-service's settings, under {@code identity}; see the service README for the variables. */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    Jwt jwt();

    Password password();

    Login login();

    Tokens tokens();

    Newsletter newsletter();

    Applications applications();

    /** Where links in mails point to: the customer front-end, e.g. https://my.cloudpro.io. */
    String linkBaseUrl();

    /** The first admin, created at first start with no password: an activation link is mailed. */
    Optional<String> bootstrapAdminEmail();

    /**
     * The other services that may ask for a token of their own (SERVICE_CLIENTS): a comma-separated
     * list of {@code name:sha256-of-secret-in-hex}. identity-service never holds the secrets.
     */
    Optional<String> serviceClients();

    interface Jwt {
        /** {@code iss} of issued tokens; the same value the services verify. */
        String issuer();

        /** {@code aud} of issued tokens. */
        String audience();

        /** A directory of PEM files: {@code <kid>.pem} (PKCS#8 EC P-256 private key) or {@code <kid>.pub.pem}. */
        Path keysDir();

        /** The key that signs; needed when the directory holds more than one private key. */
        Optional<String> activeKeyId();

        @WithDefault("10m")
        Duration accessTokenTtl();

        /** A refresh token is good for this long; each use replaces it. */
        @WithDefault("14d")
        Duration refreshTokenTtl();

        /** A session (token family) ends this long after login, however often it is refreshed. */
        @WithDefault("30d")
        Duration sessionTtl();

        /**
         * A spent refresh token presented again within this window (two tabs, a retried request) gets
         * a new pair instead of ending the session; later it counts as stolen.
         */
        @WithDefault("10s")
        Duration refreshReuseGrace();
    }

    interface Password {
        /** argon2id memory in KiB (OWASP: at least 19 MiB). */
        @WithDefault("19456")
        int memoryKib();

        /** argon2id passes. OWASP's minimum with 19 MiB is 2; 3 costs an attacker half as much again. */
        @WithDefault("3")
        int iterations();

        @WithDefault("1")
        int parallelism();

        /** How many hashes may run at once (each takes memoryKib); default: one per core. */
        Optional<Integer> maxConcurrentHashes();

        /** How long a request waits for a free hashing slot before it gets 503. */
        @WithDefault("10s")
        Duration maxWait();
    }

    interface Login {
        /** Failed attempts on one address before each further attempt must wait. */
        @WithDefault("5")
        int freeFailures();

        /** Failed attempts from one IP address within 15 minutes before it must wait. */
        @WithDefault("10")
        int freeFailuresPerIp();

        /** The longest wait: after enough failures an address is locked this long. */
        @WithDefault("15m")
        Duration maxDelay();

        /** Hard cap of password checks per address per hour. */
        @WithDefault("100")
        int maxChecksPerHour();

        /** A login from a network not seen in this window is "new" and alerted. */
        @WithDefault("90d")
        Duration newLocationWindow();


        /** HMAC key for the e-mail addresses in the login history (EMAIL_HASH_SECRET); a secret. */
        String emailHashSecret();
    }

    interface Tokens {
        @WithDefault("48h")
        Duration verifyEmailTtl();

        @WithDefault("7d")
        Duration activationTtl();

        @WithDefault("1h")
        Duration passwordResetTtl();

        /** An account whose e-mail address was not confirmed within this time is deleted. */
        @WithDefault("48h")
        Duration unconfirmedRegistrationTtl();
    }

    interface Newsletter {
        /** HMAC key of the unsubscribe links; a secret. */
        String unsubscribeSecret();

        /** The version (date) of the privacy statement in force, recorded with every consent. */
        @WithDefault("2019-01-25")
        String privacyNoticeVersion();
    }

    interface Applications {
        @WithDefault("5242880")
        int maxCvBytes();

        /** A rejected application is deleted this long after the decision ... */
        @WithDefault("28d")
        Duration retainAfterRejection();

        /** ... or this long with the applicant's consent. */
        @WithDefault("365d")
        Duration keepOnFile();
    }
}
