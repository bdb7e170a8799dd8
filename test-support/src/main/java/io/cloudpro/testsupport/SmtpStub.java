package io.cloudpro.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server for the failures a mail relay must survive: it can answer a recipient
 * with a permanent rejection (550) and be slow to accept a message. It counts every RCPT attempt per
 * recipient and keeps what it delivered. Plain SMTP on a loopback port; one thread per connection.
 */
public final class SmtpStub implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile String rejectPrefix = "rejected-";
    private volatile Duration acceptDelay = Duration.ZERO;

    private SmtpStub(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::acceptLoop, "smtp-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SmtpStub start() {
        try {
            return new SmtpStub(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Recipients starting with this are refused with 550 (mailbox unavailable). */
    public SmtpStub rejectRecipientsStartingWith(String prefix) {
        this.rejectPrefix = prefix;
        return this;
    }

    /** Waits this long before answering the end of a message's data. */
    public SmtpStub delayAcceptance(Duration delay) {
        this.acceptDelay = delay;
        return this;
    }

    /** The recipients of delivered messages, one entry per delivery. */
    public List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** How often the server was asked to take mail for {@code recipient}. */
    public int attemptsFor(String recipient) {
        AtomicInteger count = attempts.get(recipient.toLowerCase());
        return count == null ? 0 : count.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "smtp-stub-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 stub ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase();
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 stub");
                } else if (command.startsWith("MAIL FROM")) {
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO")) {
                    recipient = line.replaceAll("(?i).*<([^>]*)>.*", "$1").toLowerCase();
                    attempts.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
                    reply(out, recipient.startsWith(rejectPrefix) ? "550 5.1.1 mailbox unavailable" : "250 OK");
                } else if (command.equals("DATA")) {
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not kept
                    }
                    Thread.sleep(acceptDelay.toMillis());
                    delivered.add(recipient);
                    reply(out, "250 OK queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
