package io.cloudpro.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a running suite started, written down as it starts it ({@code run/suite.pids} in the data
 * directory), so that nothing it started outlives it:
 * <ul>
 *   <li>a watchdog - a small shell process that ignores the terminal's signals - stops the services,
 *       then the broker, then PostgreSQL when the launcher dies without doing so itself (kill -9);</li>
 *   <li>the next start stops whatever an earlier suite left running (the watchdog killed too, a
 *       crash of the whole session) before it checks its ports.</li>
 * </ul>
 */
final class RunFiles {

    private static final String WATCHDOG = """
            trap '' INT HUP TERM
            launcher=$1; pids=$2
            while kill -0 "$launcher" 2>/dev/null; do sleep 1; done
            [ -f "$pids" ] || exit 0
            # the launcher died without stopping what it started: stop it now, in order
            stop() {
              sig=$1; shift
              [ $# -gt 0 ] || return 0
              kill -"$sig" "$@" 2>/dev/null
              for i in $(seq 1 60); do
                alive=0; for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
                [ $alive = 0 ] && return 0; sleep 0.5
              done
              kill -KILL "$@" 2>/dev/null
            }
            stop TERM $(awk '$1=="service"{print $2}' "$pids")
            stop TERM $(awk '$1=="kafka"{print $2}' "$pids")
            stop INT $(awk '$1=="postgres"{print $2}' "$pids")
            rm -f "$pids"
            """;

    private final Path file;
    private Process watchdog;

    RunFiles(Path dataDir) {
        this.file = dataDir.resolve("run").resolve("suite.pids");
    }

    /**
     * Stops what an earlier suite in this data directory left running: services first, then the
     * broker, then PostgreSQL. Only processes that still look like what was started are touched.
     */
    void stopLeftovers(java.util.function.Consumer<String> progress) {
        if (!Files.exists(file)) {
            return;
        }
        List<Entry> entries = read();
        List<ProcessHandle> alive = new ArrayList<>();
        for (String kind : List.of("service", "kafka", "postgres")) {
            List<ProcessHandle> ofKind = entries.stream().filter(e -> e.kind().equals(kind))
                    .map(e -> ProcessHandle.of(e.pid())).flatMap(Optional::stream)
                    .filter(p -> p.isAlive() && looksLike(kind, p)).toList();
            if (!ofKind.isEmpty()) {
                progress.accept("Stopping " + ofKind.size() + " " + kind + " process(es) an earlier run left behind");
                ofKind.forEach(kind.equals("postgres") ? RunFiles::interrupt : ProcessHandle::destroy);
                awaitExit(ofKind, Duration.ofSeconds(30));
                alive.addAll(ofKind.stream().filter(ProcessHandle::isAlive).toList());
            }
        }
        alive.forEach(ProcessHandle::destroyForcibly);
        clear();
    }

    /** Starts the watchdog of the current process, which records nothing yet. */
    void startWatchdog() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8);
            watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, "suite-watchdog",
                    Long.toString(ProcessHandle.current().pid()), file.toString())
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the suite's watchdog", e);
        }
    }

    void record(String kind, long pid) {
        if (pid <= 0) {
            return;
        }
        try {
            Files.writeString(file, kind + " " + pid + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything stopped in order: nothing to watch any more. */
    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is handled at the next start
        }
        if (watchdog != null) {
            watchdog.destroyForcibly();
            watchdog = null;
        }
    }

    private record Entry(String kind, long pid) {
    }

    private List<Entry> read() {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(l -> l.matches("[a-z]+ \\d+"))
                    .map(l -> new Entry(l.split(" ")[0], Long.parseLong(l.split(" ")[1]))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean looksLike(String kind, ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        return switch (kind) {
            case "service" -> command.contains("quarkus-run.jar");
            case "kafka" -> command.contains("kafka.Kafka");
            default -> command.contains("postgres");
        };
    }

    /** PostgreSQL's fast shutdown: SIGINT to the postmaster. */
    private static void interrupt(ProcessHandle postmaster) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).start().waitFor();
        } catch (IOException e) {
            postmaster.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
