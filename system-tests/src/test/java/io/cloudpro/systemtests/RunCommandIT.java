package io.cloudpro.systemtests;

import io.cloudpro.infra.FreePorts;
import io.cloudpro.infra.LocalSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run command as a person (or a service manager) uses it: killed hard, it leaves nothing
 * running and the next start works; stopped politely, it stops the services, then Kafka, then
 * PostgreSQL; captured mail survives a restart. One service is enough to show it. It starts a suite
 * of its own on other ports and mostly waits for it, so it runs beside the other system tests.
 */
@Execution(ExecutionMode.CONCURRENT)
class RunCommandIT {

    static final Duration READY = Duration.ofSeconds(180);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aKilledLauncherLeavesNoOrphansAndTheNextStartWorksAndAPoliteStopGoesInOrder() throws Exception {
        int offset = freeOffset();
        String mailJson = "http://localhost:" + (LocalSuite.DEFAULT_MAIL_VIEWER_PORT + offset) + "/messages.json";

        Suite first = Suite.start(dataDir, offset);
        List<Long> started = first.recordedPids();
        assertEquals(3, started.size(), "PostgreSQL, Kafka and one service were recorded: " + started);
        awaitTrue(() -> get(mailJson).contains("admin@cloudpro.local"), "the first admin's activation mail");

        // kill -9 the launcher: its watchdog stops everything it started
        first.launcher().destroyForcibly();
        awaitTrue(() -> started.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                "every process the killed launcher started has stopped");
        assertTrue(first.script.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));

        // the next start finds its ports free and the captured mail still there
        Suite second = Suite.start(dataDir, offset);
        assertTrue(get(mailJson).contains("admin@cloudpro.local"), "captured mail survived the restart");
        List<Long> restarted = second.recordedPids();

        // SIGTERM to the script, as a service manager would send: services, then Kafka, then PostgreSQL
        second.script.destroy();
        assertTrue(second.script.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the script ended");
        awaitTrue(() -> second.output().contains("Stopped."), "the stop was reported", Duration.ofSeconds(10));
        String output = second.output();
        System.out.println(output);
        int services = output.indexOf("Services stopped");
        int kafka = output.indexOf("Kafka stopped");
        int postgres = output.indexOf("PostgreSQL stopped");
        assertTrue(services >= 0 && services < kafka && kafka < postgres, output);
        assertTrue(restarted.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    /**
     * ./run.sh running in the background. Its output goes to a file: the launcher keeps writing after
     * the script ended, and a pipe would be closed by the JVM once the script exited.
     */
    record Suite(Process script, Path log, Path dataDir) {

        static Suite start(Path dataDir, int offset) throws Exception {
            Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
            Path log = Files.createTempFile("run-sh-", ".log");
            Process script = new ProcessBuilder(root.resolve("run.sh").toString(), "--no-build",
                    "--only", "identity-service", "--data-dir", dataDir.toString(), "--port-offset", Integer.toString(offset))
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Suite suite = new Suite(script, log, dataDir);
            awaitTrue(() -> suite.output().contains("Press Ctrl-C to stop.") || !script.isAlive(), "the suite started", READY);
            assertTrue(script.isAlive(), "the suite did not start: " + suite.output());
            return suite;
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        ProcessHandle launcher() {
            return script.toHandle().descendants().filter(p -> p.info().commandLine().orElse("").contains("LocalSuite"))
                    .findFirst().orElseThrow();
        }

        List<Long> recordedPids() throws IOException {
            List<Long> pids = new ArrayList<>();
            for (String line : Files.readAllLines(dataDir.resolve("run/suite.pids"))) {
                if (line.matches("[a-z]+ \\d+")) {
                    pids.add(Long.parseLong(line.split(" ")[1]));
                }
            }
            return pids;
        }
    }

    /** An offset that moves every port of the suite onto free ones. */
    static int freeOffset() {
        for (int offset = 1000; offset < 6000; offset += 97) {
            int o = offset;
            if (Stream.of(LocalSuite.DEFAULT_POSTGRES_PORT, LocalSuite.DEFAULT_KAFKA_PORT, LocalSuite.DEFAULT_KAFKA_PORT + 1,
                    LocalSuite.DEFAULT_SMTP_PORT, LocalSuite.DEFAULT_MAIL_VIEWER_PORT, 8081).noneMatch(p -> FreePorts.inUse(p + o))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port range for a second suite");
    }

    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        awaitTrue(condition, what, Duration.ofSeconds(60));
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
