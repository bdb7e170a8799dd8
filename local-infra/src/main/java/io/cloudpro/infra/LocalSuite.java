package io.cloudpro.infra;

import io.cloudpro.simulator.ProviderSimulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The whole platform on one machine: a real PostgreSQL with one database and login per service, a
 * real Kafka broker, and the four packaged services, configured through environment variables as
 * on Kubernetes. Data lives in one directory and survives restarts.
 * <p>
 * {@link #main} is the README's run command (through {@code ./run.sh}); the system tests start the
 * suite through {@link #start} on free ports.
 */
public final class LocalSuite implements AutoCloseable {

    /** A service of the platform: its module, default port, database and JVM options. */
    public record Service(String name, int defaultPort, String database, List<String> jvmOptions) {
    }

    /**
     * The C1 compiler only: four JVMs beside PostgreSQL and Kafka on two cores spent about half their
     * CPU in C2 compiler threads that never caught up with the wide, I/O-bound code of a service, and
     * data-subject requests took twice the CPU they take with C1 alone (PrivacyRequestBenchmark).
     */
    private static final List<String> SMALL_JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    /**
     * Every login hashes a password with 19 MiB of memory: a young generation that holds many such
     * hashes keeps garbage collection from copying them (see identity-service/README.md). C2 stays
     * here: the hash is one hot loop, and C1's code for it is much slower (48 ms a hash with C2 against
     * 80 ms with C1 alone, measured on these machines).
     */
    private static final List<String> HASHING_JVM = List.of("-Xms256m", "-Xmx640m", "-Xmn384m", "-XX:+UseSerialGC");

    public static final List<Service> SERVICES = List.of(
            new Service("identity-service", 8081, "identity", HASHING_JVM),
            new Service("order-service", 8082, "orders", SMALL_JVM),
            new Service("privacy-rights-service", 8083, "privacy_rights", SMALL_JVM),
            new Service("retention-service", 8084, "retention", SMALL_JVM));

    public static final int DEFAULT_POSTGRES_PORT = 55432;
    public static final int DEFAULT_KAFKA_PORT = 59092;
    public static final int DEFAULT_SMTP_PORT = 2525;
    public static final int DEFAULT_MAIL_VIEWER_PORT = 8025;
    public static final int DEFAULT_PROVIDERS_PORT = 8090;
    /** The first admin of a local suite; its activation link shows in the mail viewer. */
    public static final String LOCAL_ADMIN_EMAIL = "admin@cloudpro.local";
    /** Local only: the embedded cluster trusts connections from this machine. */
    private static final String LOCAL_DB_PASSWORD = "local-only";
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);

    /**
     * How to start the suite.
     *
     * @param root          the repository root (the services' {@code target/quarkus-app} are found there)
     * @param dataDir       PostgreSQL cluster, Kafka log and service logs
     * @param postgresPort  PostgreSQL's port
     * @param kafkaPort     Kafka's port (its controller takes the next one)
     * @param smtpPort      the mail catcher's SMTP port
     * @param mailViewerPort the mail catcher's web page (0: any free port)
     * @param providersPort the provider simulator (VAT check, payment providers, registrar)
     * @param servicePorts  HTTP port of each service to start, by name; empty: only PostgreSQL, Kafka
     *                      and mail, for running a service in dev mode
     * @param progress      receives one line per step
     */
    public record Options(Path root, Path dataDir, int postgresPort, int kafkaPort, int smtpPort, int mailViewerPort,
                          int providersPort, Map<String, Integer> servicePorts, Consumer<String> progress) {

        public static Options defaults(Path root, Consumer<String> progress) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(s -> ports.put(s.name(), s.defaultPort()));
            return new Options(root, root.resolve(".local"), DEFAULT_POSTGRES_PORT, DEFAULT_KAFKA_PORT, DEFAULT_SMTP_PORT,
                    DEFAULT_MAIL_VIEWER_PORT, DEFAULT_PROVIDERS_PORT, ports, progress);
        }

        /** The same, on free ports and in {@code dataDir}: for tests and benchmarks beside a running suite. */
        public static Options onFreePorts(Path root, Path dataDir, List<String> services, Consumer<String> progress) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            services.forEach(name -> ports.put(name, FreePorts.find()));
            return new Options(root, dataDir, FreePorts.find(), FreePorts.find(), FreePorts.find(), 0, FreePorts.find(), ports,
                    progress);
        }
    }

    private final Options options;
    private final long startedAt = System.nanoTime();
    private final RunFiles runFiles;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MailCatcher mail;
    private ProviderSimulator providers;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new HashMap<>();
    private volatile boolean closing;

    private LocalSuite(Options options) {
        this.options = options;
        this.runFiles = new RunFiles(options.dataDir());
    }

    /** Starts everything and returns once every service reports ready; stops what it started if not. */
    public static LocalSuite start(Options options) {
        LocalSuite suite = new LocalSuite(options);
        try {
            suite.startAll();
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MailCatcher mail() {
        return mail;
    }

    /** The outside parties: VAT number check, payment providers, domain registrar. */
    public ProviderSimulator providers() {
        return providers;
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    /** e.g. {@code http://localhost:8081} for "identity-service". */
    public String baseUrl(String service) {
        return "http://localhost:" + options.servicePorts().get(service);
    }

    /** Stops one service, as a crash or a deployment would take it away; the rest keeps running. */
    public synchronized void stopService(String name) {
        ServiceProcess process = services.get(name);
        if (process != null && process.isAlive()) {
            process.close();
            step("%s stopped", name);
        }
    }

    /** Starts a stopped service again, with the same port, database and settings, and waits until it is ready. */
    public void restartService(String name) {
        ServiceProcess process;
        synchronized (this) {
            if (services.get(name) != null && services.get(name).isAlive()) {
                throw new IllegalStateException(name + " is still running");
            }
            process = launch(name);
            services.put(name, process);
        }
        process.awaitReady(SERVICE_READY_TIMEOUT);
        step("%s is UP again on port %d", name, process.port());
    }

    /** How a service is started: the same every time, so that a restart finds its port and data. */
    private record Launch(Service service, Map<String, String> environment, Path log) {
    }

    private ServiceProcess launch(String name) {
        Launch launch = launches.get(name);
        Path jar = options.root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess process = ServiceProcess.start(name, jar, options.servicePorts().get(name), launch.environment(),
                launch.service().jvmOptions(), launch.log());
        runFiles.record("service", process.pid());
        return process;
    }

    /** Seconds since {@link #start} was called. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    private void startAll() {
        runFiles.stopLeftovers(line -> step("%s", line));
        requireFreePorts();
        runFiles.startWatchdog();
        Path logs = options.dataDir().resolve("logs");
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture.supplyAsync(() -> {
            KafkaBroker broker = KafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(), logs.resolve("kafka.log"));
            broker.createTopics(PlatformTopics.ALL);
            return broker;
        });
        postgres = PostgresServer.start(options.dataDir().resolve("postgres"), options.postgresPort(), true,
                logs.resolve("postgres.log"));
        runFiles.record("postgres", postgres.pid());
        Map<String, PostgresServer.DatabaseAccess> databases = new HashMap<>();
        for (Service service : SERVICES) {
            databases.put(service.name(), postgres.ensureDatabase(service.database(), service.database(), LOCAL_DB_PASSWORD));
        }
        step("PostgreSQL %s ready on localhost:%d", postgres.version(), postgres.port());
        kafka = join(kafkaStart);
        runFiles.record("kafka", kafka.pid());
        step("Kafka ready on %s", kafka.bootstrapServers());
        mail = MailCatcher.start(options.smtpPort(), options.mailViewerPort(), options.dataDir().resolve("mail"));
        step("Mail catcher ready: SMTP on localhost:%d, captured mail at %s", mail.smtpPort(), mail.viewerUrl());
        providers = ProviderSimulator.start(options.providersPort());
        step("Provider simulator (VAT check, payments, registrar) ready at %s", providers.url());
        if (options.servicePorts().isEmpty()) {
            return;
        }

        LocalSecrets secrets = LocalSecrets.in(options.dataDir().resolve("keys"));
        String jwksUrl = baseUrl("identity-service") + "/.well-known/jwks.json";
        for (Service service : SERVICES) {
            if (!options.servicePorts().containsKey(service.name())) {
                continue;
            }
            PostgresServer.DatabaseAccess db = databases.get(service.name());
            Map<String, String> environment = new HashMap<>();
            environment.put("DB_URL", db.jdbcUrl());
            environment.put("DB_USER", db.user());
            environment.put("DB_PASSWORD", db.password());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            environment.put("JWT_JWKS_URL", jwksUrl);
            environment.put("SMTP_HOST", "localhost");
            environment.put("SMTP_PORT", Integer.toString(mail.smtpPort()));
            environment.put("SERVICE_URL", baseUrl(service.name()));
            if (options.servicePorts().containsKey("identity-service")) {
                environment.put("IDENTITY_URL", baseUrl("identity-service"));
            }
            environment.put("SERVICE_CLIENT_SECRET", secrets.serviceClientSecret(service.name()));
            if (service.name().equals("order-service")) {
                environment.putAll(providers.serviceEnvironment());
                environment.put("PAYMENT_RETURN_URL", baseUrl(service.name()) + "/api/v1/payments/return");
                providers.payPalWebhookUrl(baseUrl(service.name()) + "/api/v1/payments/webhooks/paypal");
            }
            if (service.name().equals("privacy-rights-service")) {
                environment.put("PUBLIC_URL", baseUrl(service.name()));
                environment.put("PORTAL_SESSION_KEY", secrets.portalSessionKey());
                if (options.servicePorts().containsKey("retention-service")) {
                    environment.put("RETENTION_URL", baseUrl("retention-service"));
                }
            }
            if (service.name().equals("retention-service")) {
                // on a developer's machine a clock that fell due is purged within seconds, not minutes
                environment.put("RETENTION_ROLLING_CHECK_INTERVAL", "5s");
            }
            if (service.name().equals("identity-service")) {
                environment.put("SERVICE_CLIENTS", secrets.serviceClientHashes(SERVICES.stream()
                        .map(Service::name).filter(name -> !name.equals("identity-service")).toList()));
                environment.put("JWT_KEYS_DIR", secrets.signingKeysDir().toString());
                environment.put("NEWSLETTER_UNSUBSCRIBE_SECRET", secrets.unsubscribeSecret());
                environment.put("EMAIL_HASH_SECRET", secrets.emailHashSecret());
                environment.put("BOOTSTRAP_ADMIN_EMAIL", LOCAL_ADMIN_EMAIL);
            }
            launches.put(service.name(), new Launch(service, environment, logs.resolve(service.name() + ".log")));
            services.put(service.name(), launch(service.name()));
        }
        step("Starting %s", String.join(", ", services.keySet()));
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            ready.add(CompletableFuture.runAsync(() -> {
                service.awaitReady(SERVICE_READY_TIMEOUT);
                step("%s is UP on port %d", service.name(), service.port());
            }));
        }
        join(CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)));
    }

    private void requireFreePorts() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("PostgreSQL", options.postgresPort());
        wanted.put("Kafka", options.kafkaPort());
        wanted.put("Kafka controller", options.kafkaPort() + 1);
        wanted.put("SMTP", options.smtpPort());
        wanted.put("provider simulator", options.providersPort());
        if (options.mailViewerPort() > 0) {
            wanted.put("mail viewer", options.mailViewerPort());
        }
        wanted.putAll(options.servicePorts());
        wanted.forEach((what, port) -> {
            if (FreePorts.inUse(port)) {
                throw new IllegalStateException("port " + port + " (" + what + ") is in use;"
                        + " is the suite already running?");
            }
        });
    }

    private synchronized void step(String format, Object... args) {
        options.progress().accept(String.format(Locale.ROOT, "[%5.1fs] ", elapsedSeconds())
                + String.format(Locale.ROOT, format, args));
    }

    /**
     * Stops the services (they finish their requests and close their connections), then Kafka, then
     * PostgreSQL, which the services needed until the end.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (!services.isEmpty()) {
            services.values().parallelStream().forEach(ServiceProcess::close);
            step("Services stopped");
        }
        if (kafka != null) {
            kafka.close();
            step("Kafka stopped");
        }
        if (mail != null) {
            mail.close();
        }
        if (providers != null) {
            providers.close();
        }
        if (postgres != null) {
            postgres.close();
            step("PostgreSQL stopped");
        }
        runFiles.clear();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The run command: {@code ./run.sh [--reset] [--infra-only] [--only S] [--data-dir D] [--port-offset N]}. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        boolean reset = false;
        boolean infraOnly = false;
        List<String> only = null;
        Path root = Path.of("").toAbsolutePath();
        Path dataDir = root.resolve(".local");
        int offset = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reset" -> reset = true;
                case "--infra-only" -> infraOnly = true;
                case "--only" -> only = List.of(value(args, ++i).split(","));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i)).toAbsolutePath();
                case "--port-offset" -> offset = Integer.parseInt(value(args, ++i));
                case "--help", "-h" -> {
                    out.println("""
                            Usage: ./run.sh [--reset] [--infra-only] [--only SERVICE,...] [--data-dir DIR] [--port-offset N]

                            Starts PostgreSQL, Kafka and the four services on this machine.
                              --reset          delete the suite's data (.local/) first and start empty
                              --infra-only     start only PostgreSQL, Kafka and mail, e.g. to run one service
                                               with ./mvnw -pl <service> quarkus:dev
                              --only S1,S2     start only these services (e.g. identity-service)
                              --data-dir DIR   keep the data in DIR instead of .local/
                              --port-offset N  add N to every port, to run a second suite beside the first
                            SERVICE_JVM_OPTIONS (environment, space-separated) goes to every service JVM,
                            e.g. "-XX:StartFlightRecording:filename=/tmp/jfr/,settings=profile" for a profile.
                            Ctrl-C (or SIGTERM to ./run.sh) stops the services, then Kafka, then PostgreSQL.""");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (see --help)");
                    System.exit(2);
                }
            }
        }
        Options defaults = Options.defaults(root, out::println);
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (!infraOnly) {
            for (Map.Entry<String, Integer> service : defaults.servicePorts().entrySet()) {
                if (only == null || only.contains(service.getKey())) {
                    ports.put(service.getKey(), service.getValue() + offset);
                }
            }
        }
        Options options = new Options(root, dataDir, defaults.postgresPort() + offset, defaults.kafkaPort() + offset,
                defaults.smtpPort() + offset, defaults.mailViewerPort() + offset, defaults.providersPort() + offset, ports,
                out::println);
        if (reset) {
            Directories.deleteRecursively(options.dataDir());
            out.println("Deleted " + options.dataDir() + ": starting with empty databases and topics.");
        }
        out.println("Starting the cloudpro platform; data in " + options.dataDir() + " (--reset starts empty).");
        LocalSuite suite = new LocalSuite(options);
        // Registered before anything starts, so that Ctrl-C during start-up leaves nothing running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the services, then Kafka, then PostgreSQL ...");
            suite.close();
            out.println("Stopped. Data is kept in " + options.dataDir() + ".");
        }, "suite-stop"));
        stopWhenOrphaned(out);
        try {
            suite.startAll();
        } catch (RuntimeException e) {
            System.err.println("The suite did not start: " + e.getMessage());
            System.exit(1);
        }
        out.printf(Locale.ROOT, "%nReady in %.1f s.%n%n", suite.elapsedSeconds());
        out.println(suite.describe());
        out.println("Press Ctrl-C to stop.");
        suite.watch(out);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value (see --help)");
            System.exit(2);
        }
        return args[i];
    }

    /**
     * ./run.sh starts the launcher in a session of its own (so that only run.sh gets the terminal's
     * signals) and forwards Ctrl-C and SIGTERM to it. Should run.sh itself be killed, the launcher
     * notices its parent is gone and stops everything in order.
     */
    private static void stopWhenOrphaned(PrintStream out) {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            out.println("The launching script went away; stopping.");
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The table of what listens where. */
    public String describe() {
        StringBuilder table = new StringBuilder();
        String row = "  %-24s %-32s %-42s %s%n";
        if (!services.isEmpty()) {
            table.append(String.format(Locale.ROOT, row, "SERVICE", "API", "SWAGGER UI", "HEALTH"));
            for (ServiceProcess s : services.values()) {
                table.append(String.format(Locale.ROOT, row, s.name(), s.baseUrl() + "/api/v1",
                        s.baseUrl() + "/q/swagger-ui", s.baseUrl() + "/q/health/ready"));
            }
            table.append('\n');
        }
        String info = "  %-24s %s%n";
        table.append(String.format(Locale.ROOT, info, "PostgreSQL",
                "jdbc:postgresql://localhost:" + postgres.port() + "/<db>  databases "
                        + String.join(", ", SERVICES.stream().map(Service::database).toList())
                        + " (user = database name)"));
        table.append(String.format(Locale.ROOT, info, "Kafka", kafka.bootstrapServers()));
        table.append(String.format(Locale.ROOT, info, "Mail (captured)", mail.viewerUrl()
                + "  (SMTP localhost:" + mail.smtpPort() + "; nothing leaves this machine)"));
        table.append(String.format(Locale.ROOT, info, "Providers (simulated)", providers.url()
                + "  (VAT check, iDEAL/PayPal payment pages, domain registrar)"));
        if (!services.isEmpty()) {
            table.append(String.format(Locale.ROOT, info, "First admin", LOCAL_ADMIN_EMAIL
                    + "  (no password: its activation link is in the captured mail)"));
        }
        table.append(String.format(Locale.ROOT, info, "Logs", options.dataDir().resolve("logs")));
        return table.toString();
    }

    /** Blocks until interrupted, reporting a service that dies on its own. */
    private void watch(PrintStream out) {
        Map<String, Boolean> reported = new HashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            for (ServiceProcess s : services.values()) {
                if (!closing && !s.isAlive() && reported.putIfAbsent(s.name(), true) == null) {
                    out.println(s.name() + " stopped on its own; see " + s.logFile());
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
