package io.cloudpro.identity;

import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.TestInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the identity tests do over and over, done over HTTP as a front-end would. */
public final class IdentityClient {

    public static final String PASSWORD = "correct horse battery staple";
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_.%-]+)");
    private static String adminToken;

    private IdentityClient() {
    }

    public static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
    }

    /** A random client address (sent only as X-Forwarded-For), so that tests never share a throttled IP. */
    public static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON);
    }

    public static Map<String, Object> registration(String email) {
        return Map.of(
                "firstName", "Jan", "lastName", "Jansen",
                "address", Map.of("street", "Dorpsstraat 1", "postalCode", "5042 CR", "city", "Tilburg", "country", "NL"),
                "email", email, "password", PASSWORD, "phone", "+31135000000");
    }

    /** Registers an account from {@code ip} and confirms its address with the mailed link; returns its id. */
    public static String register(String email, String ip) {
        return register(registration(email), ip);
    }

    public static String register(Map<String, Object> body, String ip) {
        String accountId = registerUnconfirmed(body, ip);
        confirm((String) body.get("email"));
        return accountId;
    }

    private static long confirmationMails(String email) {
        return mails(email).stream().filter(m -> m.subject().contains("Confirm your e-mail address")).count();
    }

    /**
     * Registers without confirming the address (the login does not work yet); returns once the
     * confirmation mail of this registration arrived.
     */
    public static String registerUnconfirmed(Map<String, Object> body, String ip) {
        String email = ((String) body.get("email")).toLowerCase();
        long before = confirmationMails(email);
        String accountId = from(ip).body(body).post("/api/v1/accounts").then().statusCode(201).extract().path("accountId");
        await().atMost(Duration.ofSeconds(20)).until(() -> confirmationMails(email) > before);
        return accountId;
    }

    /** Follows the confirmation link mailed to {@code email}. */
    public static void confirm(String email) {
        String token = linkToken(mail(email.toLowerCase(), "Confirm your e-mail address"));
        from(randomIp()).body(Map.of("token", token)).post("/api/v1/accounts/verify-email").then().statusCode(204);
    }

    public static Response login(String email, String password, String ip) {
        return from(ip).body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }

    /** Logs in and returns the access token. */
    public static String accessToken(String email, String ip) {
        return login(email, PASSWORD, ip).then().statusCode(200).extract().path("accessToken");
    }

    public static RequestSpecification as(String accessToken) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON);
    }

    /** Waits for the next mail to {@code address} whose subject contains {@code subject}. */
    public static MailCatcher.Mail mail(String address, String subject) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> mails(address).stream()
                .filter(m -> m.subject().contains(subject)).reduce((a, b) -> b).orElse(null), m -> m != null);
    }

    public static List<MailCatcher.Mail> mails(String address) {
        return TestInfrastructure.get().mail().messagesTo(address);
    }

    /** The token of the link in a mail. */
    public static String linkToken(MailCatcher.Mail mail) {
        Matcher m = TOKEN.matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("no link with a token in: " + mail.body());
        }
        return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The bootstrap admin's access token; activates the admin on first use. */
    public static synchronized String admin() {
        if (adminToken == null) {
            String token = linkToken(mail(IdentityTestResource.ADMIN_EMAIL, "staff login"));
            from(randomIp()).body(Map.of("token", token, "password", PASSWORD)).post("/api/v1/auth/activate")
                    .then().statusCode(204);
        }
        adminToken = accessToken(IdentityTestResource.ADMIN_EMAIL, randomIp());
        return adminToken;
    }

    /** A new staff member with {@code role}, activated; returns an access token. */
    public static String staff(String role) {
        String email = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@cloudpro.test";
        as(admin()).body(Map.of("email", email, "firstName", "Sam", "lastName", "Staff", "roles", List.of(role)))
                .post("/api/v1/staff").then().statusCode(201);
        String token = linkToken(mail(email, "staff login"));
        from(randomIp()).body(Map.of("token", token, "password", PASSWORD)).post("/api/v1/auth/activate")
                .then().statusCode(204);
        return accessToken(email, randomIp());
    }
}
