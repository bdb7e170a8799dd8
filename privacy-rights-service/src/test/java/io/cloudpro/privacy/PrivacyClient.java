package io.cloudpro.privacy;

import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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

/** What the privacy-rights tests do over and over, over HTTP as a front-end would. */
public final class PrivacyClient {

    private static final Pattern CODE = Pattern.compile("^\\s+(\\d{6})\\s*$", Pattern.MULTILINE);
    private static final Pattern TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]+)");

    private PrivacyClient() {
    }

    public static String newEmail() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
    }

    /** A random client address, so that rate limits of one test never touch another. */
    public static RequestSpecification anonymous() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return given().header("X-Forwarded-For", "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)))
                .contentType(ContentType.JSON);
    }

    /** A customer with an account at (simulated) identity-service, and their token. */
    public record Customer(IdentitySimulator.Person person, String token) {
        public RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }

        public String email() {
            return person.email();
        }
    }

    public static Customer customer() {
        IdentitySimulator.Person person = IdentitySimulator.get().register(newEmail());
        return new Customer(person, TestTokens.customer().subject(person.loginId().toString()).build());
    }

    public static RequestSpecification officer() {
        return given().auth().oauth2(officerToken()).contentType(ContentType.JSON);
    }

    public static String officerToken() {
        return TestTokens.staff("privacy-officer").build();
    }

    /** Files a request as the customer; returns its id. */
    public static String file(Customer customer, Map<String, Object> body) {
        return customer.call().body(body).post("/api/v1/privacy/requests").then().statusCode(201).extract().path("id");
    }

    /** Waits until the request (as its owner sees it) has the status. */
    public static JsonPath awaitStatus(Customer customer, String requestId, String status) {
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(
                () -> customer.call().get("/api/v1/privacy/requests/" + requestId).then().statusCode(200).extract().jsonPath(),
                json -> status.equals(json.getString("status")));
    }

    /** Waits until the request (as the officer sees it) has the status. */
    public static JsonPath awaitOfficerStatus(String requestId, String status) {
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(
                () -> officer().get("/api/v1/privacy/officer/requests/" + requestId).then().statusCode(200).extract().jsonPath(),
                json -> status.equals(json.getString("status")));
    }

    /** Waits for the next mail to {@code address} whose subject contains {@code subject}. */
    public static MailCatcher.Mail mail(String address, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> mails(address).stream()
                .filter(m -> m.subject().contains(subject)).reduce((a, b) -> b).orElse(null), m -> m != null);
    }

    public static List<MailCatcher.Mail> mails(String address) {
        return TestInfrastructure.get().mail().messagesTo(address);
    }

    public static long mailCount(String address, String subject) {
        return mails(address).stream().filter(m -> m.subject().contains(subject)).count();
    }

    /** The six-digit code in a verification mail. */
    public static String code(MailCatcher.Mail mail) {
        Matcher m = CODE.matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("no code in: " + mail.body());
        }
        return m.group(1);
    }

    /** The download token in a package mail. */
    public static String downloadToken(MailCatcher.Mail mail) {
        Matcher m = TOKEN.matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("no download link in: " + mail.body());
        }
        return m.group(1);
    }
}
