package io.cloudpro.identity;

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

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brute force and account enumeration: slowed, locked, and unable to tell accounts apart. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class LoginProtectionTest {

    @Inject
    EntityManager entityManager;
    @Inject
    PasswordHasher hasher;

    @Test
    void unknownAddressWrongPasswordAndLockedAccountGetTheSameAnswer() {
        String email = newEmail();
        String lockedEmail = newEmail();
        register(email, randomIp());
        String lockedId = register(lockedEmail, randomIp());
        String support = IdentityClient.staff("support");
        as(support).body(Map.of("reason", "fraud report")).post("/api/v1/support/accounts/" + lockedId + "/lock")
                .then().statusCode(200);

        Response unknown = login(newEmail(), PASSWORD, randomIp());
        Response wrongPassword = login(email, "not the password!", randomIp());
        Response locked = login(lockedEmail, PASSWORD, randomIp());

        for (Response response : List.of(unknown, wrongPassword, locked)) {
            assertEquals(401, response.statusCode());
            assertEquals("application/problem+json", response.contentType());
        }
        assertEquals(unknown.asString(), wrongPassword.asString());
        assertEquals(unknown.asString(), locked.asString());
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
    void repeatedFailuresOnOneAddressMakeTheNextAttemptWaitEvenWithTheRightPassword() throws Exception {
        String email = newEmail();
        register(email, randomIp());
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, randomIp()).then().statusCode(401);
        }
        // right password, other IP: still refused while the address waits - with the usual answer
        Response blocked = login(email, PASSWORD, randomIp());
        assertEquals(401, blocked.statusCode());
        assertEquals(login(newEmail(), PASSWORD, randomIp()).asString(), blocked.asString());
        assertEquals("THROTTLED", lastOutcome(email));

        Thread.sleep(1100); // five failures: one second
        login(email, PASSWORD, randomIp()).then().statusCode(200);
    }

    @Test
    void unknownAddressesAreThrottledLikeRealOnes() {
        String email = newEmail();
        for (int i = 0; i < 5; i++) {
            login(email, "guess " + i, randomIp()).then().statusCode(401);
        }
        login(email, "guess 6", randomIp()).then().statusCode(401);
        assertEquals("THROTTLED", lastOutcome(email));
    }

    @Test
    void manyFailuresFromOneIpAddressSlowThatAddressDown() {
        String ip = randomIp();
        for (int i = 0; i < 10; i++) {
            login(newEmail(), "guess", ip).then().statusCode(401);
        }
        String email = newEmail();
        register(email, randomIp());
        login(email, PASSWORD, ip).then().statusCode(401);
        assertEquals("THROTTLED", lastOutcome(email));
        login(email, PASSWORD, randomIp()).then().statusCode(200);
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
                .setParameter(1, io.cloudpro.identity.service.Emails.hash(email)).getSingleResult());
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
