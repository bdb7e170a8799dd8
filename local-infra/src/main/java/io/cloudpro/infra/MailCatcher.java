package io.cloudpro.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real SMTP server (GreenMail) that keeps every message instead of delivering it, so that the
 * local suite and the tests send mail for real and nothing leaves the machine. With an HTTP port it
 * also shows the captured mail: a page at {@code /} and JSON at {@code /messages.json}. With a
 * directory, every message is also kept there as an {@code .eml} file and read back at the next
 * start, so that captured mail - such as the first admin's activation link - survives a restart.
 */
public final class MailCatcher implements AutoCloseable {

    private GreenMail smtp;
    private final int port;
    private final HttpServer http;
    private final Path store;
    /** What arrived before the SMTP server was last stopped, or in an earlier run. */
    private final List<Mail> earlier = new ArrayList<>();
    private int stored;
    private final ScheduledExecutorService saver;

    private MailCatcher(GreenMail smtp, int port, HttpServer http, Path store) {
        this.smtp = smtp;
        this.port = port;
        this.http = http;
        this.store = store;
        this.saver = store == null ? null : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mail-catcher-store");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts SMTP on {@code smtpPort} (0: any free port) and, if {@code httpPort} is not negative, the viewer. */
    public static MailCatcher start(int smtpPort, int httpPort) {
        return start(smtpPort, httpPort, null);
    }

    /** The same, keeping captured mail in {@code store} (read back from it at start) when it is not null. */
    public static MailCatcher start(int smtpPort, int httpPort, Path store) {
        int port = smtpPort > 0 ? smtpPort : FreePorts.find();
        GreenMail smtp = smtp(port);
        HttpServer http = null;
        if (httpPort >= 0) {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 0);
            } catch (IOException e) {
                smtp.stop();
                throw new UncheckedIOException("cannot serve the mail viewer on port " + httpPort, e);
            }
        }
        MailCatcher catcher = new MailCatcher(smtp, port, http, store);
        if (store != null) {
            catcher.loadStored();
            catcher.saver.scheduleWithFixedDelay(catcher::storeNewQuietly, 200, 200, TimeUnit.MILLISECONDS);
        }
        if (http != null) {
            http.createContext("/messages.json", catcher::serveJson);
            http.createContext("/", catcher::servePage);
            http.start();
        }
        return catcher;
    }

    public int smtpPort() {
        return port;
    }

    /** Takes the SMTP server away, as an outage would; mail received so far stays readable. */
    public synchronized void stopSmtp() {
        if (smtp != null) {
            storeNew();
            earlier.addAll(received(smtp));
            smtp.stop();
            smtp = null;
            stored = 0;
        }
    }

    /** Reads the messages an earlier run kept, oldest first. */
    private void loadStored() {
        try {
            Files.createDirectories(store);
            try (Stream<Path> files = Files.list(store)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        earlier.add(Mail.of(new MimeMessage(Session.getInstance(new Properties()), in)));
                    }
                }
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot read the captured mail in " + store, e);
        }
    }

    /**
     * Writes messages received since the last call as {@code .eml} files. Each file is written under
     * a temporary name and then renamed, so a process killed mid-write leaves no half message behind.
     */
    private synchronized void storeNew() {
        if (smtp == null || store == null) {
            return;
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        for (; stored < received.length; stored++) {
            String name = String.format("%d-%05d.eml", System.currentTimeMillis(), stored);
            Path partial = store.resolve(name + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                received[stored].writeTo(out);
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException("cannot keep a captured mail in " + store, e);
            }
            try {
                Files.move(partial, store.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep a captured mail in " + store, e);
            }
        }
    }

    /** The periodic save: a failure is reported and retried next time, and never ends the schedule. */
    private void storeNewQuietly() {
        try {
            storeNew();
        } catch (RuntimeException e) {
            System.err.println("Mail catcher: " + e.getMessage());
        }
    }

    /** Brings the SMTP server back on the same port. */
    public synchronized void startSmtp() {
        if (smtp == null) {
            smtp = smtp(port);
        }
    }

    private static GreenMail smtp(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private static List<Mail> received(GreenMail smtp) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            mails.add(Mail.of(message));
        }
        return mails;
    }

    /** The viewer's address, or null when it was not started. */
    public String viewerUrl() {
        return http == null ? null : "http://localhost:" + http.getAddress().getPort() + "/";
    }

    /**
     * Every message received so far, oldest first. What is shown is kept first, so that a mail
     * someone has seen (an activation link) survives even a kill right after.
     */
    public synchronized List<Mail> messages() {
        storeNew();
        List<Mail> mails = new ArrayList<>(earlier);
        if (smtp != null) {
            mails.addAll(received(smtp));
        }
        return mails;
    }

    /** Messages sent to {@code recipient}, oldest first. */
    public List<Mail> messagesTo(String recipient) {
        return messages().stream().filter(m -> m.to().contains(recipient.toLowerCase())).toList();
    }

    @Override
    public synchronized void close() {
        if (saver != null) {
            saver.shutdownNow();
            storeNew();
        }
        if (http != null) {
            http.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** One captured message, reduced to what a reader sees. */
    public record Mail(Instant receivedAt, String from, List<String> to, String subject, String body) {

        static Mail of(MimeMessage message) {
            try {
                java.util.Date when = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
                return new Mail(when == null ? Instant.now() : when.toInstant(),
                        addresses(message.getFrom()).stream().findFirst().orElse(""),
                        addresses(message.getAllRecipients()), message.getSubject(), text(message));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("unreadable captured message", e);
            }
        }

        /** The decoded text: the body itself, or the first text/plain part of a multipart message. */
        private static String text(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = text(multipart.getBodyPart(i));
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        }

        private static List<String> addresses(Address[] addresses) {
            return addresses == null ? List.of()
                    : Arrays.stream(addresses).map(a -> a.toString().replaceAll(".*<(.+)>.*", "$1").toLowerCase()).toList();
        }
    }

    private void servePage(HttpExchange exchange) throws IOException {
        List<Mail> mails = new ArrayList<>(messages());
        java.util.Collections.reverse(mails);
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Captured mail</title>
                <style>body{font-family:sans-serif;margin:2em}article{border-bottom:1px solid #ccc;padding:1em 0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head><body>
                <h1>Captured mail</h1><p>Mail the local suite sent. Nothing here left this machine.</p>""");
        if (mails.isEmpty()) {
            html.append("<p>No mail yet.</p>");
        }
        for (Mail mail : mails) {
            html.append("<article><b>").append(escape(mail.subject())).append("</b><br>to ")
                    .append(escape(String.join(", ", mail.to()))).append(" &middot; from ").append(escape(mail.from()))
                    .append(" &middot; ").append(mail.receivedAt()).append("<pre>").append(escape(mail.body()))
                    .append("</pre></article>");
        }
        respond(exchange, "text/html; charset=utf-8", html.append("</body></html>").toString());
    }

    private void serveJson(HttpExchange exchange) throws IOException {
        String json = messages().stream().map(m -> "{\"receivedAt\":" + quote(m.receivedAt().toString())
                        + ",\"from\":" + quote(m.from())
                        + ",\"to\":[" + m.to().stream().map(MailCatcher::quote).collect(Collectors.joining(",")) + "]"
                        + ",\"subject\":" + quote(m.subject()) + ",\"body\":" + quote(m.body()) + "}")
                .collect(Collectors.joining(",", "[", "]"));
        respond(exchange, "application/json", json);
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
