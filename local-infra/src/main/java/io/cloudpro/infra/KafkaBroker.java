package io.cloudpro.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run
 * as a child JVM from the jars that the kafka-runtime module resolved from Maven Central.
 * <p>
 * The broker can be stopped and started again on the same ports and log directory, which is how
 * tests take the broker away and bring it back.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/io/cloudpro/infra/kafka-broker.classpath";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, Path logFile) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile;
    }

    /**
     * Starts a broker listening on {@code port} (0: any free port) and {@code port + 1} for its
     * controller (any free port when {@code port} is 0), with its log in {@code dataDir}. A log
     * directory formatted by an earlier run is reused.
     */
    public static KafkaBroker start(Path dataDir, int port, Path logFile) {
        int brokerPort = port > 0 ? port : FreePorts.find();
        int controllerPort = port > 0 ? port + 1 : FreePorts.find();
        KafkaBroker broker = new KafkaBroker(dataDir, brokerPort, controllerPort, logFile);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker's process id, or -1 when it is not running. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the broker process again after {@link #stop()}. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(config);
            }
            process = java("kafka.Kafka", config.toString()).start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start; its log is " + logFile, e);
        }
    }

    /** Creates the topics that do not exist yet (3 partitions, one replica, the given settings). */
    public void createTopics(Map<String, Map<String, String>> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<org.apache.kafka.clients.admin.NewTopic> missing = topics.entrySet().stream()
                    .filter(t -> !existing.contains(t.getKey()))
                    .map(t -> new org.apache.kafka.clients.admin.NewTopic(t.getKey(), 3, (short) 1).configs(t.getValue()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("could not create the platform's topics", e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not create the platform's topics in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Controlled shutdown, as an operator's restart would do it. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeConfig() throws IOException {
        Path config = dataDir.resolve("server.properties");
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                // one node: every internal topic has one replica
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // consumers join at once instead of waiting for more members
                "group.initial.rebalance.delay.ms=0",
                "");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        Path log4j = dataDir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out",
                "logger.kafka.name = kafka",
                "logger.kafka.level = warn",
                "logger.apache.name = org.apache.kafka",
                "logger.apache.level = warn",
                ""), StandardCharsets.UTF_8);
        return config;
    }

    private void format(Path config) throws IOException {
        Process formatter = java("kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", config.toString())
                .start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IOException("formatting the Kafka log directory failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting the Kafka log directory", e);
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties").toAbsolutePath(),
                "-cp", brokerClasspath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        // Wait for the listener first: an admin client would log a warning per refused connection.
        while (!FreePorts.inUse(port) && Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code "
                        + process.exitValue() + "; its log is " + logFile);
            }
            sleep(100);
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        RuntimeException last = null;
        try (Admin admin = Admin.create(config)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with code "
                            + process.exitValue() + "; its log is " + logFile);
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = new IllegalStateException("Kafka is not answering yet", e);
                    sleep(200);
                }
            }
        }
        throw new IllegalStateException("Kafka was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; its log is " + logFile, last);
    }

    /** A cluster id in Kafka's format: 16 random bytes, URL-safe base64 without padding. */
    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Kafka broker's classpath file is missing;"
                        + " build the kafka-runtime module first (./mvnw install -pl kafka-runtime)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
