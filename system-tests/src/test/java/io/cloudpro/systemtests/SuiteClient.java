package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.MailCatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Talks to a running local suite as a front-end app would: JSON over HTTP with bearer tokens, and the captured mail. */
public final class SuiteClient {

    public static final HttpClient HTTP = HttpClient.newHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PASSWORD = "correct horse battery staple";
    private static final Pattern LINK_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private final LocalSuite suite;

    public SuiteClient(LocalSuite suite) {
        this.suite = suite;
    }

    /** A customer who registered, confirmed the address and logged in. */
    public record Customer(String email, String accountId, String token) {
    }

    public String identity() {
        return suite.baseUrl("identity-service");
    }

    public String privacyRights() {
        return suite.baseUrl("privacy-rights-service");
    }

    /** Activates the suite's first admin with the link from the captured mail and logs in. */
    public String activateFirstAdmin() {
        return activateAndLogin(LocalSuite.LOCAL_ADMIN_EMAIL, "staff login");
    }

    /** The admin creates a staff login with {@code roles}; it is activated and logged in. */
    public String staff(String adminToken, String email, String... roles) {
        HttpResponse<String> created = send("POST", identity() + "/api/v1/staff", adminToken, JSON.createObjectNode()
                .put("email", email).put("firstName", "Pia").put("lastName", "Officer")
                .set("roles", JSON.valueToTree(roles)).toString());
        assertEquals(201, created.statusCode(), created.body());
        return activateAndLogin(email, "staff login");
    }

    private String activateAndLogin(String email, String subject) {
        String token = linkToken(awaitMail(email, subject));
        HttpResponse<String> activated = send("POST", identity() + "/api/v1/auth/activate", null,
                "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(204, activated.statusCode(), activated.body());
        return login(email);
    }

    /**
     * Registers from an address of its own (through the local proxy, which identity-service
     * trusts), as customers do: the per-address rate limits then count each customer apart.
     */
    public Customer register(String lastName, boolean newsletter) {
        String email = lastName.toLowerCase() + "-" + System.nanoTime() + "@example.nl";
        String address = "198.51." + ThreadLocalRandom.current().nextInt(256) + "." + (1 + ThreadLocalRandom.current().nextInt(254));
        HttpResponse<String> registered = send("POST", identity() + "/api/v1/accounts", null, """
                {"firstName":"Jan","lastName":"%s","email":"%s","password":"%s","newsletter":%s,
                 "address":{"street":"Dorpsstraat 1","postalCode":"5042 CR","city":"Tilburg","country":"NL"}}"""
                .formatted(lastName, email, PASSWORD, newsletter), address);
        assertEquals(201, registered.statusCode(), registered.body());
        String accountId = json(registered).path("accountId").asText();
        String confirm = linkToken(awaitMail(email, "Confirm your e-mail"));
        assertEquals(204, send("POST", identity() + "/api/v1/accounts/verify-email", null,
                "{\"token\":\"" + confirm + "\"}", address).statusCode());
        return new Customer(email, accountId, login(email, address));
    }

    public String login(String email) {
        return login(email, null);
    }

    private String login(String email, String address) {
        HttpResponse<String> login = send("POST", identity() + "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", address);
        assertEquals(200, login.statusCode(), login.body());
        return json(login).path("accessToken").asText();
    }

    public HttpResponse<String> get(String url, String bearer) {
        return send("GET", url, bearer, null);
    }

    public JsonNode getJson(String url, String bearer) {
        HttpResponse<String> response = get(url, bearer);
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return json(response);
    }

    public HttpResponse<String> send(String method, String url, String bearer, String json) {
        return send(method, url, bearer, json, null);
    }

    private HttpResponse<String> send(String method, String url, String bearer, String json, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code url} until its JSON satisfies {@code condition}; fails with the last answer after {@code timeout}. */
    public JsonNode await(String url, String bearer, Predicate<JsonNode> condition, Duration timeout, String what) {
        return await(url, bearer, condition, timeout, Duration.ofMillis(250), what);
    }

    /** The same, asking every {@code interval}. */
    public JsonNode await(String url, String bearer, Predicate<JsonNode> condition, Duration timeout, Duration interval,
                          String what) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get(url, bearer);
            if (response.statusCode() == 200) {
                last = json(response);
                if (condition.test(last)) {
                    return last;
                }
            }
            pause(interval);
        }
        throw new AssertionError(what + " within " + timeout + "; last answer: " + last);
    }

    public MailCatcher.Mail awaitMail(String to, String subject) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<MailCatcher.Mail> mail = suite.mail().messagesTo(to).stream()
                    .filter(m -> m.subject().contains(subject)).findFirst();
            if (mail.isPresent()) {
                return mail.get();
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("no mail '" + subject + "' to " + to);
    }

    public long mailCount(String to, String subject) {
        return suite.mail().messagesTo(to).stream().filter(m -> m.subject().contains(subject)).count();
    }

    public static String linkToken(MailCatcher.Mail mail) {
        Matcher token = LINK_TOKEN.matcher(mail.body());
        assertTrue(token.find(), mail.body());
        return token.group(1);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
