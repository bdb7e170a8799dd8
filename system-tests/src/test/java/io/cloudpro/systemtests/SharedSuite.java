package io.cloudpro.systemtests;

import io.cloudpro.infra.LocalSuite;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One packaged suite - all four services, PostgreSQL, Kafka, mail - shared by the system test classes
 * that only use it: starting and stopping one takes about a minute on two cores. Started by the first
 * class that asks ({@code @ExtendWith(SharedSuite.class)}), stopped when the whole test run ends. Its
 * first admin is activated once, with the link from the captured mail; each class logs in for a
 * session of its own ({@link #adminToken}), so a class that logs out leaves the others theirs.
 * A class that stops a service starts it again before it ends.
 */
public final class SharedSuite implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSuite.class);
    private static volatile Running running;

    /** The suite and its directory; closed by JUnit at the end of the run. */
    private record Running(LocalSuite suite, Path dataDir) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            suite.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
    }

    private static Running start() {
        try {
            Path dataDir = Files.createTempDirectory("cloudpro-system-tests-");
            LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(Path.of(System.getProperty("suite.root", "..")),
                    dataDir, LocalSuite.SERVICES.stream().map(LocalSuite.Service::name).toList(),
                    line -> System.out.println("suite " + line)));
            System.out.printf(Locale.ROOT, "SUITE START: four services ready in %.1f s%n", suite.elapsedSeconds());
            new SuiteClient(suite).activateFirstAdmin();
            return new Running(suite, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalSuite suite() {
        return running.suite();
    }

    /** A new session of the first admin. */
    public static String adminToken() {
        return new SuiteClient(suite()).login(LocalSuite.LOCAL_ADMIN_EMAIL);
    }
}
