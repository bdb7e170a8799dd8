package io.cloudpro.testsupport;

import io.cloudpro.infra.Directories;
import io.cloudpro.infra.KafkaBroker;
import io.cloudpro.infra.MailCatcher;
import io.cloudpro.infra.PlatformTopics;
import io.cloudpro.infra.PostgresServer;
import io.cloudpro.simulator.ProviderSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real PostgreSQL server, one real Kafka broker and one mail-capturing SMTP server per test JVM,
 * started on first use on free ports and stopped when the JVM exits. Logs are kept in
 * {@code target/test-infra}.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final Path dataDir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final MailCatcher mail;
    private ProviderSimulator providers;

    private TestInfrastructure(Path dataDir, PostgresServer postgres, KafkaBroker kafka, MailCatcher mail) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.mail = mail;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infra-stop"));
        }
        return instance;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Every mail the services under test sent. */
    public MailCatcher mail() {
        return mail;
    }

    /** The outside parties (VAT check, payment providers, registrar), started on first use. */
    public synchronized ProviderSimulator providers() {
        if (providers == null) {
            providers = ProviderSimulator.start(0);
        }
        return providers;
    }

    private static TestInfrastructure start() {
        try {
            Path dataDir = Files.createTempDirectory("cloudpro-test-");
            Path logs = Path.of("target", "test-infra").toAbsolutePath();
            PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), 0, false,
                    logs.resolve("postgres.log"));
            KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), 0, logs.resolve("kafka.log"));
            kafka.createTopics(PlatformTopics.ALL);
            return new TestInfrastructure(dataDir, postgres, kafka, MailCatcher.start(0, -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        if (providers != null) {
            providers.close();
        }
        mail.close();
        kafka.close();
        postgres.close();
        try {
            Directories.deleteRecursively(dataDir);
        } catch (RuntimeException e) {
            // a temp directory left behind is not worth failing the build for
        }
    }
}
