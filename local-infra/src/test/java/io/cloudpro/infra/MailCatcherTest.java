package io.cloudpro.infra;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MailCatcherTest {

    @TempDir
    Path store;

    @Test
    void aMailThatWasShownIsKeptEvenWhenTheProcessDiesRightAfter() throws Exception {
        MailCatcher first = MailCatcher.start(0, -1, store);
        send(first.smtpPort(), "admin@cloudpro.local", "Activate your account");
        assertEquals(1, first.messagesTo("admin@cloudpro.local").size());

        // no close(): a killed process gets no chance to save; the next start reads what was kept
        MailCatcher next = MailCatcher.start(0, -1, store);
        try {
            assertEquals(1, next.messagesTo("admin@cloudpro.local").size(), "the shown mail survived");
            try (var files = Files.list(store)) {
                assertEquals(0, files.filter(f -> f.toString().endsWith(".partial")).count(), "no half-written file");
            }
        } finally {
            next.close();
            first.close();
        }
    }

    private static void send(int port, String to, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("noreply@cloudpro.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello");
        Transport.send(message);
    }
}
