package io.cloudpro.identity;

import io.cloudpro.identity.domain.Credential;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No personal data in the service's log, also when the database refuses a duplicate. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class LogPrivacyTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aUniqueViolationDoesNotQuoteTheValueInTheLog() throws Exception {
        String email = newEmail();
        register(email, randomIp());
        // a second live login for the same address: the database's unique index says no
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Credential duplicate = new Credential();
            duplicate.id = UUID.randomUUID();
            duplicate.kind = Credential.Kind.STAFF;
            duplicate.email = email;
            duplicate.status = Credential.Status.ACTIVE;
            duplicate.createdAt = Instant.now();
            duplicate.updatedAt = Instant.now();
            entityManager.persist(duplicate);
            entityManager.flush();
        }));

        String log = Files.readString(Path.of("target/service.log"));
        assertTrue(log.length() > 0, "the service logs to target/service.log");
        assertFalse(log.contains(email), "the address appears in the log");
        assertFalse(log.contains("Key (email)"), "the database's detail line reached the log");
    }
}
