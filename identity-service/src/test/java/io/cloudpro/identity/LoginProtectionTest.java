package io.cloudpro.identity;

import io.cloudpro.identity.security.EmailHashes;
import io.cloudpro.identity.security.PasswordHasher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static io.cloudpro.identity.IdentityClient.registerUnconfirmed;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brute force and account enumeration: slowed, locked, and unable to tell accounts apart - also under load. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class LoginProtectionTest {

    private static final String TOO_MANY = "https://cloudpro.io/problems/too-many-attempts";

    @Inject
    EntityManager entityManager;
    @Inject
    PasswordHasher hasher;
    @Inject
    EmailHashes emailHashes;

    @Test
    void unknownAddressWrongPasswordUnconfirmedAndLockedLoginsGetTheSameAnswer() {
        String email = newEmail();
        String lockedEmail = newEmail();
        String unconfirmedEmail = newEmail();
        register(email, randomIp());
        String lockedId = register(lockedEmail, randomIp());
        registerUnconfirmed(registration(unconfirmedEmail), randomIp());
        String support = IdentityClient.staff("support");
        as(support).body(Map.of("reason", "fraud report")).post("/api/v1/support/accounts/" + lockedId + "/lock")
                .then().statusCode(200);

        Response unknown = login(newEmail(), PASSWORD, randomIp());
        Response wrongPassword = login(email, "not the password!", randomIp());
        Response locked = login(lockedEmail, PASSWORD, randomIp());
        Response unconfirmed = login(unconfirmedEmail, PASSWORD, randomIp());

        for (Response response : List.of(unknown, wrongPassword, locked, unconfirmed)) {
            assertEquals(401, response.statusCode());
            assertEquals("application/problem+json", response.contentType());
        }
        assertEquals(unknown.asString(), wrongPassword.asString());
        assertEquals(unknown.asString(), locked.asString());
        assertEquals(unknown.asString(), unconfirmed.asString());

        IdentityClient.confirm(unconfirmedEmail); // confirmed, the same password works
        login(unconfirmedEmail, PASSWORD, randomIp()).then().statusCode(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressTakeAboutTheSameTime() {
        // Medians of several tries, against a fresh address and IP each time so that no throttling kicks in.
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String email = newEmail();
            register(email, randomIp());
            unknown.add(timed(() -> login(newEmail(), PASSWORD, randomIp())));
            wrong.add(timed(() -> login(email, "not the password!", randomIp())));
        }
        long medianUnknown = median(unknown);
        long medianWrong = median(wrong);
        // Both compute one argon2id hash (tens of ms); skipping it for unknown addresses would make
        // them differ several times over. Half the larger one leaves room for a busy machine.
        long difference = Math.abs(medianUnknown - medianWrong);
        assertTrue(difference < Math.max(medianUnknown, medianWrong) / 2,
                "unknown address " + medianUnknown + " ms vs wrong password " + medianWrong + " ms");
    }

    @Test
    void afterRepeatedFailuresTheNextAttemptMustWaitWith429AndRetryAfterTheSameForKnownAndUnknownAddresses() {
        String email = newEmail();
        String unknownEmail = newEmail();
        register(email, randomIp());
        // seven failures - each after the wait the one before imposed, one second after the fifth,
        // two after the sixth - so that the next attempt must wait four seconds: long enough to be
        // seen on a busy machine
        for (int i = 0; i < 7; i++) {
            String wrong = "wrong password " + i;
            for (String address : List.of(email, unknownEmail)) {
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).atMost(Duration.ofSeconds(15))
                        .until(() -> login(address, wrong, randomIp()).statusCode() == 401);
            }
        }
        // the right password, from another network: still refused while the address waits
        Response known = login(email, PASSWORD, randomIp());
        Response unknown = login(unknownEmail, PASSWORD, randomIp());
        for (Response response : List.of(known, unknown)) {
            response.then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                    .body("type", equalTo(TOO_MANY));
        }
        assertEquals(known.asString().replaceAll("\"retryAfterSeconds\":\\d+", ""),
                unknown.asString().replaceAll("\"retryAfterSeconds\":\\d+", ""));
        assertEquals("THROTTLED", lastOutcome(email));

        // once the wait is over, the right password works
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15))
                .until(() -> login(email, PASSWORD, randomIp()).statusCode() == 200);
    }

    @Test
    void fortyParallelWrongPasswordsCostNoMorePasswordChecksThanThePolicyAllows() throws Exception {
        String email = newEmail();
        register(email, randomIp());
        ExecutorService clients = Executors.newFixedThreadPool(40);
        // all forty leave together: after the fifth failure the wait is one second, which requests
        // trickling out of threads still starting on a busy machine could let pass
        CountDownLatch ready = new CountDownLatch(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int attempt = i;
            answers.add(clients.submit(() -> {
                ready.countDown();
                go.await();
                return login(email, "parallel guess " + attempt, randomIp()).statusCode();
            }));
        }
        ready.await();
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        clients.shutdown();

        long checks = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM login_attempt WHERE email_hash = ?1 AND password_checked")
                .setParameter(1, emailHashes.of(email)).getSingleResult()).longValue());
        assertEquals(5, checks, "five failures are free; every later attempt waits without a password check");
        assertEquals(5, Collections.frequency(statuses, 401), statuses.toString());
        assertEquals(35, Collections.frequency(statuses, 429), statuses.toString());
    }

    @Test
    void manyFailuresFromOneIpAddressSlowThatAddressDown() {
        String email = newEmail();
        register(email, randomIp());
        String ip = randomIp();
        failFrom(ip, 12);
        // ten failures from one address are free; after that it waits - a second, then doubling:
        // four seconds after the twelfth, long enough to be seen on a busy machine
        login(email, PASSWORD, ip).then().statusCode(429);
        assertEquals("THROTTLED", lastOutcome(email));
        login(email, PASSWORD, randomIp()).then().statusCode(200);
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        String email = newEmail();
        register(email, randomIp());
        String prefix = String.format("2001:db8:%x:%x:", (int) (Math.random() * 0xffff), (int) (Math.random() * 0xffff));
        for (int i = 1; i <= 12; i++) {
            failFrom(prefix + ":" + Integer.toHexString(i), 1);
        }
        // a new address in the same /64 is the same client; another /64 is not
        login(email, PASSWORD, prefix + "beef:1:2:3").then().statusCode(429);
        login(email, PASSWORD, "2001:db8:ffff:1::1").then().statusCode(200);
    }

    @Test
    void passwordConfirmationsCountInTheSameThrottle() {
        String email = newEmail();
        register(email, randomIp());
        String token = accessToken(email, randomIp());
        // eight wrong guesses, each sent once the throttle takes one again: the wait after the last is
        // then 8 s, long enough that the checks below fall in it however slow the machine (after five
        // it is 1 s, which a busy machine can let pass before the next request)
        for (int i = 0; i < 8; i++) {
            String guess = "wrong guess " + i;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int status = as(token).header("X-Forwarded-For", randomIp())
                        .body(Map.of("currentPassword", guess, "newPassword", "a brand new passphrase"))
                        .post("/api/v1/me/password").statusCode();
                assertTrue(status == 403 || status == 429, "a wrong guess answered " + status);
                return status == 403;
            });
        }
        as(token).header("X-Forwarded-For", randomIp())
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"))
                .post("/api/v1/me/password").then()
                .statusCode(429).body("type", equalTo(TOO_MANY));
        as(token).header("X-Forwarded-For", randomIp()).body(Map.of("password", PASSWORD)).delete("/api/v1/me").then()
                .statusCode(429);
        login(email, PASSWORD, randomIp()).then().statusCode(429); // the login shares the count
    }

    /**
     * Wrong guesses (on addresses nobody has) from one client, each sent once the throttle takes one
     * again, so that the client's wait grows as a real guesser's would.
     */
    private static void failFrom(String ip, int failures) {
        for (int i = 0; i < failures; i++) {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).atMost(Duration.ofSeconds(30)).until(() -> {
                int status = login(newEmail(), "guess", ip).statusCode();
                assertTrue(status == 401 || status == 429, "a wrong guess answered " + status);
                return status == 401;
            });
        }
    }

    @Test
    void theLoginHistoryKeepsAKeyedHashOfTheAddressNotAPlainOne() throws Exception {
        String email = newEmail();
        login(email, "whatever it is", randomIp()).then().statusCode(401);
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                        "SELECT email_hash FROM login_attempt WHERE email_hash = ?1")
                .setParameter(1, emailHashes.of(email)).getSingleResult());
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(plain, stored, "anyone could recompute a plain SHA-256 from a list of addresses");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-only-email-hash-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8))), stored);
    }

    @Test
    void aHashMadeWithOldParametersIsReplacedAtLogin() {
        String email = newEmail();
        String accountId = register(email, randomIp());
        String oldHash = oldStyleHash(PASSWORD);
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE credential SET password_hash = ?1 WHERE id = ?2")
                .setParameter(1, oldHash).setParameter(2, UUID.fromString(accountId)).executeUpdate());

        login(email, PASSWORD, randomIp()).then().statusCode(200);

        String newHash = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT password_hash FROM credential WHERE id = ?1")
                .setParameter(1, UUID.fromString(accountId)).getSingleResult());
        assertTrue(newHash.startsWith("$argon2id$v=19$" + hasher.parameters() + "$"), newHash);
        assertTrue(!newHash.equals(oldHash));
        login(email, PASSWORD, randomIp()).then().statusCode(200);
    }

    /** A hash as an older configuration (m=19456, t=1) would have stored it. */
    private static String oldStyleHash(String password) {
        byte[] salt = new byte[16];
        byte[] out = new byte[32];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(1).withParallelism(1).withSalt(salt).build());
        generator.generateBytes(password.toCharArray(), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=19456,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    private String lastOutcome(String email) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                        "SELECT outcome FROM login_attempt WHERE email_hash = ?1 ORDER BY occurred_at DESC LIMIT 1")
                .setParameter(1, emailHashes.of(email)).getSingleResult());
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
