package io.cloudpro.testsupport;

import io.cloudpro.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points the service under test at the JVM's real PostgreSQL (a database of its own), Kafka broker
 * and mail catcher, and makes it verify tokens against the test JWKS of {@link TestTokens}.
 * <p>
 * Use it on every {@code @QuarkusTest} class of a service:
 * {@code @WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        PostgresServer.DatabaseAccess db = infra.postgres().ensureDatabase("service", "service", "service");
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        config.put("mp.jwt.verify.publickey.location", TestTokens.jwksUrl());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        config.put("SMTP_HOST", "localhost");
        config.put("SMTP_PORT", Integer.toString(infra.mail().smtpPort()));
        return config;
    }

    @Override
    public void stop() {
        // The infrastructure lives as long as the JVM: other test classes reuse it.
    }
}
