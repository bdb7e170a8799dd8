package io.cloudpro.testsupport;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends requests over a few keep-alive connections, one after another on each, the way a browser
 * or an ingress reuses connections, and records how long each took. In the tests it is a guard
 * against stalls (a request that waits seconds on something like DNS); the benchmarks use it as a
 * lean load generator (raw sockets, no client library between the clock and the server).
 */
public final class KeepAliveProbe {

    private KeepAliveProbe() {
    }

    /** Every request's latency and status, and how long the run took. */
    public record Result(List<Long> nanos, List<Integer> statuses, long elapsedNanos) {

        public double perSecond() {
            return nanos.size() / (elapsedNanos / 1e9);
        }

        /** The latency at {@code percentile} (e.g. 99) in milliseconds. */
        public double percentileMillis(double percentile) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
        }

        public long count(int status) {
            return statuses.stream().filter(s -> s == status).count();
        }

        public long slowestMillis() {
            return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1_000_000;
        }

        public void assertNoneSlowerThan(Duration limit) {
            long slow = nanos.stream().filter(n -> n > limit.toNanos()).count();
            if (slow > 0) {
                throw new AssertionError(slow + " of " + nanos.size() + " requests took longer than " + limit
                        + " (slowest " + slowestMillis() + " ms)");
            }
        }

        public void assertAllStatus(int expected) {
            if (statuses.stream().anyMatch(s -> s != expected)) {
                throw new AssertionError("not every request answered " + expected + ": " + statuses.stream().distinct().toList());
            }
        }
    }

    /** {@code perConnection} GET requests to {@code path} on each of {@code connections} connections. */
    public static Result run(int port, String path, Map<String, String> headers, int connections, int perConnection) {
        return run(port, path, headers, connections, perConnection, () -> true);
    }

    /** GET requests to {@code path} on each of {@code connections} connections for {@code duration}. */
    public static Result runFor(int port, String path, Map<String, String> headers, int connections, Duration duration) {
        long endNanos = System.nanoTime() + duration.toNanos();
        return run(port, path, headers, connections, Integer.MAX_VALUE, () -> System.nanoTime() < endNanos);
    }

    /** GET requests to {@code path} on each of {@code connections} connections while {@code going} says so. */
    public static Result runWhile(int port, String path, Map<String, String> headers, int connections,
                                  java.util.function.BooleanSupplier going) {
        return run(port, path, headers, connections, Integer.MAX_VALUE, going);
    }

    private static Result run(int port, String path, Map<String, String> headers, int connections, int perConnection,
                              java.util.function.BooleanSupplier going) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] bytes = request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(pool.submit(() -> {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(30_000);
                        OutputStream out = socket.getOutputStream();
                        BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
                        for (int i = 0; i < perConnection && going.getAsBoolean(); i++) {
                            long start = System.nanoTime();
                            out.write(bytes);
                            out.flush();
                            statuses.add(readResponse(in));
                            nanos.add(System.nanoTime() - start);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the keep-alive probe failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(List.copyOf(nanos), List.copyOf(statuses), System.nanoTime() - started);
    }

    private static int readResponse(BufferedInputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        int length = 0;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in).trim(), 16)) > 0; ) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.readNBytes(length);
        }
        return code;
    }

    private static String line(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1 && line.length() == 0) {
            throw new EOFException("the server closed the connection");
        }
        return line.toString();
    }
}
