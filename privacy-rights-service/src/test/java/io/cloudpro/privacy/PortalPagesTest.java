package io.cloudpro.privacy;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.infra.MailCatcher;
import io.cloudpro.platform.privacy.LegalHolds;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.privacy.IdentitySimulator.Person;
import io.cloudpro.privacy.service.PortalSessions;
import io.cloudpro.privacy.service.PrivacyRightsParticipant;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cloudpro.privacy.PrivacyClient.newEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy portal's pages over HTTP, as a browser meets them: the cookies and headers that keep
 * a session out of scripts' and other sites' reach, the login through identity-service (simulated),
 * a customer's data and requests, and nobody else's. (The journeys in a real browser are in
 * system-tests.)
 */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class PortalPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String SESSION = "__Host-portal-session";
    private static final String FORM = "__Host-portal-form";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    PrivacyRightsParticipant participant;
    @Inject
    LegalHolds holds;
    @Inject
    PortalSessions portalSessions;

    /** A browser's state: the cookies it holds. */
    static final class Browser {
        Cookie form;
        Cookie session;

        Response get(String path) {
            var request = RestAssured.given().redirects().follow(false);
            if (session != null) {
                request.cookie(session);
            }
            if (form != null) {
                request.cookie(form);
            }
            return request.get(path);
        }

        Response post(String path, String csrf, Object... fields) {
            var request = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
            if (session != null) {
                request.cookie(session);
            }
            if (form != null) {
                request.cookie(form);
            }
            if (csrf != null) {
                request.formParam("_csrf", csrf);
            }
            for (int i = 0; i < fields.length; i += 2) {
                request.formParam((String) fields[i], fields[i + 1]);
            }
            return request.post(path);
        }

        /** Opens the login page and logs in; the session cookie is kept. */
        Response logIn(String email, String password) {
            Response page = get("/portal/login");
            form = page.getDetailedCookie(FORM);
            Response answer = post("/portal/login", csrf(page), "email", email, "password", password);
            if (answer.getDetailedCookie(SESSION) != null && !answer.getDetailedCookie(SESSION).getValue().isEmpty()) {
                session = answer.getDetailedCookie(SESSION);
                form = null;
            }
            return answer;
        }
    }

    static String csrf(Response page) {
        Matcher m = CSRF.matcher(page.asString());
        assertTrue(m.find(), "the page's form carries a CSRF token: " + page.asString());
        return m.group(1);
    }

    @Test
    void theLoginPageSetsAFormCookieNoScriptCanReadAndEveryPageForbidsScriptsAndFrames() {
        Response page = new Browser().get("/portal/login");
        assertEquals(200, page.statusCode());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"),
                "no script may run at all: " + csp);
        assertFalse(page.asString().contains("<script"), "the page has no script");
        assertFalse(page.asString().contains("style="), "no inline style either (the policy would block it)");
        assertEquals("no-store, private", page.header("Cache-Control"));
        Cookie form = page.getDetailedCookie(FORM);
        assertTrue(form.isHttpOnly() && form.isSecured(), form.toString());
        assertEquals("Lax", form.getSameSite());
        assertEquals("/", form.getPath());
        assertTrue(page.asString().contains("<label for=\"email\">") && page.asString().contains("<label for=\"password\">"),
                "every field has a label");
    }

    @Test
    void aCustomerLogsInThroughIdentityServiceSeesTheirDataAndTheSessionHoldsNoReadableToken() throws SQLException {
        Person person = IdentitySimulator.get().register(newEmail());
        Browser browser = new Browser();

        Response wrong = browser.logIn(person.email(), "not the password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.asString().contains("do not match a login"), wrong.asString());
        assertNull(browser.session);

        Response in = browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        assertEquals(303, in.statusCode());
        assertEquals("/portal", java.net.URI.create(in.header("Location")).getPath());
        assertEquals("/portal/my-data", java.net.URI.create(browser.get("/portal").header("Location")).getPath(), "a customer lands on their data");
        assertNotNull(browser.session, "a session cookie");
        assertTrue(browser.session.isHttpOnly() && browser.session.isSecured(), browser.session.toString());
        assertEquals("Lax", browser.session.getSameSite());
        assertEquals(1, IdentitySimulator.get().logins(person.loginId()).size(), "identity-service saw the login");

        Response data = browser.get("/portal/my-data");
        assertEquals(200, data.statusCode());
        String html = data.asString();
        assertTrue(html.contains("Fenna de Vries") && html.contains(person.email()), html);
        assertTrue(html.contains("Stationsplein 1, 5611 AB Eindhoven, NL"), html);
        assertTrue(html.contains("Logged in"), "the login history: " + html);
        assertTrue(html.contains("Subscribe to the newsletter"), html);

        // the table holds the cookie's hash and the tokens encrypted: neither opens a session on its own
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id_hash, tokens FROM portal_session WHERE login_id = ?")) {
            s.setObject(1, person.loginId());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "one session");
                assertFalse(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1).contains(browser.session.getValue()));
                String tokens = new String(rs.getBytes(2), StandardCharsets.ISO_8859_1);
                assertFalse(tokens.contains("eyJ"), "no JWT in the clear");
                assertFalse(rs.next(), "only one");
            }
        }
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndChangesNothing() {
        Person person = IdentitySimulator.get().register(newEmail());
        Browser browser = new Browser();
        Response page = browser.get("/portal/login");
        browser.form = page.getDetailedCookie(FORM);
        assertEquals(403, browser.post("/portal/login", null, "email", person.email(), "password", IdentitySimulator.PASSWORD)
                .statusCode(), "a login form posted from elsewhere");
        assertEquals(0, IdentitySimulator.get().logins(person.loginId()).size());

        browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        Response forged = browser.post("/portal/my-rights/requests", "forged", "type", "ERASURE");
        assertEquals(403, forged.statusCode());
        assertTrue(browser.get("/portal/my-rights").asString().contains("You have not filed any requests"));
        // a token from another session does not do either
        Browser other = new Browser();
        other.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        String othersToken = csrf(other.get("/portal/my-rights"));
        assertEquals(403, browser.post("/portal/my-rights/requests", othersToken, "type", "ERASURE").statusCode());
    }

    @Test
    void aCustomerFilesARequestAndFollowsItAndNobodyElseSeesIt() {
        Browser browser = new Browser();
        browser.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        String token = csrf(browser.get("/portal/my-rights"));

        Response filed = browser.post("/portal/my-rights/requests", token, "type", "ACCESS", "details", "");
        assertEquals(303, filed.statusCode(), filed.asString());
        String page = browser.get("/portal/my-rights").asString();
        assertTrue(page.contains("Access: a copy of all your data"), page);
        assertTrue(page.contains("Answer due by"), page);

        Response invalid = browser.post("/portal/my-rights/requests", token, "type", "OBJECTION");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.asString().contains("say what you object to"), invalid.asString());
        assertEquals(400, browser.post("/portal/my-rights/requests", token, "type", "NONSENSE").statusCode());

        Browser someoneElse = new Browser();
        someoneElse.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        assertTrue(someoneElse.get("/portal/my-rights").asString().contains("You have not filed any requests"));
        Matcher id = Pattern.compile("id=\"request-([0-9a-f-]{36})\"").matcher(page);
        assertTrue(id.find());
        assertEquals(404, someoneElse.get("/portal/my-rights/requests/" + id.group(1) + "/package").statusCode(),
                "another person's package is not found");
    }

    @Test
    void withoutASessionThePagesSendToTheLoginAndALogoutEndsTheSessionHereAndAtIdentityService() throws SQLException {
        Browser browser = new Browser();
        assertEquals("/portal/login", java.net.URI.create(browser.get("/portal/my-data").header("Location")).getPath());
        assertEquals("/portal/login", java.net.URI.create(browser.get("/portal/my-rights").header("Location")).getPath());
        browser.session = new Cookie.Builder(SESSION, "made-up").build();
        assertEquals(303, browser.get("/portal/my-data").statusCode(), "an unknown cookie is no session");

        Person person = IdentitySimulator.get().register(newEmail());
        browser.session = null;
        browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        Response out = browser.post("/portal/logout", csrf(browser.get("/portal/my-data")));
        assertEquals(303, out.statusCode());
        assertEquals("", out.getDetailedCookie(SESSION).getValue(), "the cookie is cleared");
        assertTrue(IdentitySimulator.get().loggedOut(person.loginId()), "identity-service's session ended too");
        assertEquals(303, browser.get("/portal/my-data").statusCode(), "the old cookie opens nothing");
        assertEquals(0, sessionRows(person.loginId()), "no session row left");
    }

    @Test
    void aSessionLeftUnusedEndsHereAndItsRefreshTokenGoesBackToIdentityService() throws SQLException {
        Person person = IdentitySimulator.get().register(newEmail());
        Browser browser = new Browser();
        browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        assertFalse(IdentitySimulator.get().loggedOut(person.loginId()));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE portal_session SET last_seen_at = now() - interval '31 minutes' WHERE login_id = ?")) {
            s.setObject(1, person.loginId());
            assertEquals(1, s.executeUpdate());
        }

        portalSessions.removeEnded(); // the housekeeping round

        assertTrue(IdentitySimulator.get().loggedOut(person.loginId()), "identity-service ended its session too");
        assertEquals(303, browser.get("/portal/my-data").statusCode(), "the browser's cookie opens nothing");
        assertEquals(0, sessionRows(person.loginId()), "no session row left");
    }

    @Test
    void theNewsletterSwitchChangesTheConsentAtIdentityService() {
        Browser browser = new Browser();
        browser.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        String token = csrf(browser.get("/portal/my-data"));
        assertEquals(303, browser.post("/portal/my-data/newsletter", token, "subscribed", "true").statusCode());
        assertTrue(browser.get("/portal/my-data").asString().contains("Stop the newsletter"));
        assertEquals(303, browser.post("/portal/my-data/newsletter", token, "subscribed", "false").statusCode());
        assertTrue(browser.get("/portal/my-data").asString().contains("Subscribe to the newsletter"));
    }

    @Test
    void someoneWithoutAnAccountFilesAnErasureWithTheMailedCode() {
        String email = newEmail();
        Browser browser = new Browser();
        Response form = browser.get("/portal/requests/new");
        assertEquals(200, form.statusCode());
        browser.form = form.getDetailedCookie(FORM);
        String token = csrf(form);
        assertEquals(400, browser.post("/portal/requests/new", token, "email", "not an address", "type", "ERASURE").statusCode());

        Response started = browser.post("/portal/requests/new", token, "email", email, "type", "ERASURE");
        assertEquals(303, started.statusCode(), started.asString());
        String verifyPath = java.net.URI.create(started.header("Location")).getPath();
        assertTrue(verifyPath.startsWith("/portal/requests/verify/"), verifyPath);
        String code = PrivacyClient.code(PrivacyClient.mail(email, "Your code"));

        String codeToken = csrf(browser.get(verifyPath));
        Response wrong = browser.post(verifyPath, codeToken, "code", code.equals("000000") ? "111111" : "000000");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.asString().contains("tries left"), wrong.asString());
        Response accepted = browser.post(verifyPath, codeToken, "code", code);
        assertEquals(303, accepted.statusCode(), "to a page a reload does not file again: " + accepted.asString());
        Response filed = browser.get(accepted.header("Location"));
        assertEquals(200, filed.statusCode(), filed.asString());
        assertTrue(filed.asString().contains("Erasure: delete your data") && filed.asString().contains("Answer due by"),
                filed.asString());
        assertEquals(filed.asString(), browser.get(accepted.header("Location")).asString(), "a reload shows the same");
        assertEquals(400, browser.post(verifyPath, codeToken, "code", code).statusCode(), "a code files once");
    }

    /** The sessions are personal data like any other: in the person's access answer, and gone with an erasure. */
    @Test
    void aPersonsPortalSessionsAreInTheirAccessAnswerAndAnErasureEndsThem() {
        Person person = IdentitySimulator.get().register(newEmail());
        Browser browser = new Browser();
        browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        Subject subject = new Subject(java.util.UUID.randomUUID(), List.of(person.accountId()), List.of(person.loginId()), List.of());

        PrivacyParticipant.Export export = QuarkusTransaction.requiringNew().call(() -> participant.export(subject));
        assertTrue(export.data().containsKey("privacy.portal-sessions"), export.data().toString());
        assertFalse(export.data().toString().contains("eyJ"), "the export shows when, never a token");

        PrivacyParticipant.Erasure erasure = QuarkusTransaction.requiringNew().call(() -> participant.erase(subject, holds, Instant.now()));
        assertTrue(erasure.categories().contains(new PrivacyResult.CategoryOutcome("privacy.portal-sessions", PrivacyResult.Outcome.ERASED, 1)),
                erasure.categories().toString());
        assertEquals(303, browser.get("/portal/my-data").statusCode(), "the erased session opens nothing");
    }

    @Test
    void theOfficerSeesTheQueueExtendsARequestWithReasonsAndAdminsOnlyRead() {
        Browser customer = new Browser();
        customer.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        assertEquals(403, customer.get("/portal/officer").statusCode(), "a customer has no queue");
        customer.post("/portal/my-rights/requests", csrf(customer.get("/portal/my-rights")), "type", "RECTIFICATION",
                "details", "My street is Stationsplein 2");
        Matcher filed = Pattern.compile("id=\"request-([0-9a-f-]{36})\"").matcher(customer.get("/portal/my-rights").asString());
        assertTrue(filed.find());
        String id = filed.group(1);

        Browser officer = new Browser();
        officer.logIn(IdentitySimulator.get().registerStaff(newEmail(), "privacy-officer").email(), IdentitySimulator.PASSWORD);
        assertEquals(403, officer.get("/portal/my-data").statusCode(), "staff have no customer data");
        assertEquals("/portal/officer", java.net.URI.create(officer.get("/portal").header("Location")).getPath(),
                "the officer lands on the queue");
        Response queue = officer.get("/portal/officer");
        assertEquals(200, queue.statusCode());
        assertTrue(queue.asString().contains("/portal/officer/requests/" + id), "the request is in the queue");
        String chain = officer.get("/portal/officer/history-check").asString();
        assertTrue(chain.contains("The history is intact"), chain);

        Response page = officer.get("/portal/officer/requests/" + id);
        assertTrue(page.asString().contains("My street is Stationsplein 2"), page.asString());
        String token = csrf(page);
        assertEquals(400, officer.post("/portal/officer/requests/" + id + "/extend", token, "months", "2", "reasons", " ")
                .statusCode(), "reasons are required");
        Response extended = officer.post("/portal/officer/requests/" + id + "/extend", token, "months", "2",
                "reasons", "We need the registry's answer first.");
        assertEquals(303, extended.statusCode(), extended.asString());
        String after = officer.get("/portal/officer/requests/" + id).asString();
        assertTrue(after.contains("(extended)") && after.contains("decision.extended"), after);
        assertEquals(409, officer.post("/portal/officer/requests/" + id + "/extend", token, "months", "1", "reasons", "again")
                .statusCode(), "the law allows one extension");
        assertTrue(customer.get("/portal/my-rights").asString().contains("We need the registry&#39;s answer first."),
                "the customer reads the reasons");

        String statistics = officer.get("/portal/officer/statistics").asString();
        assertTrue(statistics.contains("<svg") && statistics.contains("Requests received per month, by type")
                && statistics.contains("the purges are not shown"), statistics);
        Matcher thisMonth = Pattern.compile("<th scope=\"row\">" + java.time.YearMonth.now(java.time.ZoneId.of("Europe/Amsterdam"))
                + "</th>((?:<td>\\d+</td>)+)").matcher(statistics);
        assertTrue(thisMonth.find(), "this month's row: " + statistics);
        assertTrue(thisMonth.group(1).matches(".*<td>[1-9]\\d*</td>$"), "this month counts the request filed above: " + thisMonth.group(1));

        Response retention = officer.get("/portal/officer/retention");
        assertEquals(503, retention.statusCode(), "retention-service has published no address here: the page says so");
        assertTrue(retention.asString().contains("try again in a minute"), retention.asString());

        Browser admin = new Browser();
        admin.logIn(IdentitySimulator.get().registerStaff(newEmail(), "admin").email(), IdentitySimulator.PASSWORD);
        String adminView = admin.get("/portal/officer/requests/" + id).asString();
        assertTrue(adminView.contains("decision.extended") && !adminView.contains("Refuse the request"), "admins read only");
        assertEquals(403, admin.post("/portal/officer/requests/" + id + "/refuse", csrf(admin.get("/portal/officer")),
                "reason", "EXCESSIVE").statusCode());
    }

    @Test
    void anExpiringAccessTokenIsRefreshedAndASessionIdentityServiceEndedEndsHere() {
        Person person = IdentitySimulator.get().register(newEmail());
        IdentitySimulator.get().shortLivedTokens(person.loginId());
        Browser browser = new Browser();
        browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        assertEquals(200, browser.get("/portal/my-data").statusCode());
        assertEquals(200, browser.get("/portal/my-rights").statusCode());
        assertTrue(IdentitySimulator.get().refreshes(person.loginId()) >= 2, "each page renewed the token about to end");

        IdentitySimulator.get().endSessions(person.loginId());
        assertEquals("/portal/login", java.net.URI.create(browser.get("/portal/my-data").header("Location")).getPath(),
                "identity-service refused the refresh: the portal session is over");
    }

    @Test
    void myDataSaysWhatEachServiceHoldsWithWhyAndHowLongAndNamesAServiceThatDidNotAnswer() {
        Person person = IdentitySimulator.get().register(newEmail());
        new Browser().logIn(person.email(), IdentitySimulator.PASSWORD);
        Browser browser = new Browser();
        browser.logIn(person.email(), IdentitySimulator.PASSWORD);

        String html = browser.get("/portal/my-data").asString();
        String identity = section(html, "<h3>identity-service</h3>");
        assertTrue(identity.contains("IP addresses of logins") && identity.contains("<td>2 records</td>")
                && identity.contains("90 days from the login itself, then deleted"), identity);
        assertTrue(identity.contains("Name and address") && identity.contains("<td>1 record</td>"), identity);
        assertFalse(identity.contains("E-mail address"), "a category the service holds nothing of is not listed: " + identity);
        // this service counts its own records in process: the portal sessions are its records
        String own = section(html, "<h3>privacy-rights-service</h3>");
        assertTrue(own.contains("Your logins to the privacy portal") && own.contains("30 minutes from the session was last used"), own);

        IdentitySimulator.get().holdingsStalled(true);
        try {
            long start = System.nanoTime();
            Response data = browser.get("/portal/my-data");
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(200, data.statusCode(), "one silent service does not take the page down");
            assertTrue(seconds < 15, "the page waited " + seconds + " s for a service that does not answer");
            assertTrue(section(data.asString(), "<h3>identity-service</h3>").contains("did not answer just now"), data.asString());
            assertTrue(section(data.asString(), "<h3>privacy-rights-service</h3>").contains("Your logins to the privacy portal"));
        } finally {
            IdentitySimulator.get().holdingsStalled(false);
        }
    }

    /** How many portal_session rows a login has. */
    private int sessionRows(java.util.UUID loginId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM portal_session WHERE login_id = ?")) {
            s.setObject(1, loginId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The part of a page from {@code heading} to the next heading of its level. */
    private static String section(String html, String heading) {
        int start = html.indexOf(heading);
        assertTrue(start >= 0, heading + " not on the page: " + html);
        int end = html.indexOf("<h3>", start + heading.length());
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    void whenIdentityServiceIsAwayThePagesSaySoAndALogoutStillEndsTheSession() {
        Person person = IdentitySimulator.get().register(newEmail());
        Browser browser = new Browser();
        browser.logIn(person.email(), IdentitySimulator.PASSWORD);
        String token = csrf(browser.get("/portal/my-data"));
        IdentitySimulator.get().accountsDown(true);
        try {
            Response data = browser.get("/portal/my-data");
            assertEquals(503, data.statusCode());
            assertTrue(data.contentType().startsWith("text/html") && data.asString().contains("try again in a minute"),
                    data.asString());
            assertEquals("60", data.header("Retry-After"));
            Response login = new Browser().logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
            assertEquals(503, login.statusCode(), "a login while identity-service is away");

            Response out = browser.post("/portal/logout", token);
            assertEquals(303, out.statusCode(), out.asString());
        } finally {
            IdentitySimulator.get().accountsDown(false);
        }
        assertEquals(303, browser.get("/portal/my-data").statusCode(), "logged out all the same");
    }

    @Test
    void everyFormRefusesAPostWithoutItsToken() {
        Browser browser = new Browser();
        browser.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        assertEquals(403, browser.post("/portal/my-data/newsletter", "forged", "subscribed", "true").statusCode());
        assertTrue(browser.get("/portal/my-data").asString().contains("Subscribe to the newsletter"), "still not subscribed");
        assertEquals(403, browser.post("/portal/logout", "forged").statusCode());
        assertEquals(200, browser.get("/portal/my-data").statusCode(), "still logged in");

        Browser anonymous = new Browser();
        anonymous.form = anonymous.get("/portal/requests/new").getDetailedCookie(FORM);
        assertEquals(403, anonymous.post("/portal/requests/new", "forged", "email", newEmail(), "type", "ERASURE").statusCode());
        assertEquals(403, anonymous.post("/portal/requests/verify/" + java.util.UUID.randomUUID(), "forged", "code", "123456")
                .statusCode());
    }

    @Test
    void whatPeopleWriteIsShownAsTextNeverAsMarkup() {
        Browser browser = new Browser();
        browser.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        Response invalid = browser.post("/portal/my-rights/requests", csrf(browser.get("/portal/my-rights")), "type", "OBJECTION",
                "details", "<script>alert(1)</script>");
        assertEquals(400, invalid.statusCode());
        Response login = new Browser().logIn("<b>x</b>@example.nl", "wrong");
        assertFalse(login.asString().contains("<b>x</b>"), "the address comes back escaped");
        assertTrue(login.asString().contains("&lt;b&gt;x&lt;/b&gt;@example.nl"), login.asString());
    }

    @Test
    void aCustomerComplainsAndTheOfficerAnswersOnce() {
        Browser customer = new Browser();
        customer.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        String token = csrf(customer.get("/portal/my-rights"));
        assertEquals(400, customer.post("/portal/my-rights/complaints", token, "text", " ").statusCode());
        assertEquals(400, customer.post("/portal/my-rights/complaints", token, "text", "x", "requestId", "nonsense").statusCode());
        assertEquals(303, customer.post("/portal/my-rights/complaints", token, "text", "You kept my data after I left.").statusCode());
        String mine = customer.get("/portal/my-rights").asString();
        assertTrue(mine.contains("You kept my data after I left.") && mine.contains("Received"), mine);
        Matcher id = Pattern.compile("id=\"complaint-([0-9a-f-]{36})\"").matcher(mine);
        assertTrue(id.find());
        String complaint = id.group(1);

        Browser admin = new Browser();
        admin.logIn(IdentitySimulator.get().registerStaff(newEmail(), "admin").email(), IdentitySimulator.PASSWORD);
        String adminView = admin.get("/portal/officer/complaints").asString();
        assertTrue(adminView.contains("complaint-" + complaint) && !adminView.contains("/complaints/" + complaint + "/answer"),
                "admins read, without the answer form");

        Browser officer = new Browser();
        officer.logIn(IdentitySimulator.get().registerStaff(newEmail(), "privacy-officer").email(), IdentitySimulator.PASSWORD);
        String officerToken = csrf(officer.get("/portal/officer/complaints"));
        assertEquals(403, admin.post("/portal/officer/complaints/" + complaint + "/answer", csrf(admin.get("/portal/officer")),
                "answer", "no").statusCode());
        assertEquals(303, officer.post("/portal/officer/complaints/" + complaint + "/answer", officerToken,
                "answer", "We deleted it on 1 December; sorry for the delay.").statusCode());
        assertEquals(409, officer.post("/portal/officer/complaints/" + complaint + "/answer", officerToken,
                "answer", "again").statusCode(), "answered once");
        String answered = customer.get("/portal/my-rights").asString();
        assertTrue(answered.contains("We deleted it on 1 December; sorry for the delay."), answered);
    }

    @Test
    void theOfficerRectifiesAndDecidesAnObjectionOnTheRequestPage() {
        Browser customer = new Browser();
        customer.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        String token = csrf(customer.get("/portal/my-rights"));
        customer.post("/portal/my-rights/requests", token, "type", "RECTIFICATION", "details", "My last name is de Boer");
        customer.post("/portal/my-rights/requests", token, "type", "OBJECTION", "processing", "identity.login-history");
        Matcher ids = Pattern.compile("id=\"request-([0-9a-f-]{36})\"").matcher(customer.get("/portal/my-rights").asString());
        assertTrue(ids.find());
        String objection = ids.group(1); // newest first
        assertTrue(ids.find());
        String rectification = ids.group(1);

        Browser officer = new Browser();
        officer.logIn(IdentitySimulator.get().registerStaff(newEmail(), "privacy-officer").email(), IdentitySimulator.PASSWORD);
        String page = "/portal/officer/requests/";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                officer.get(page + rectification).asString().contains("/rectify\"")
                        && officer.get(page + objection).asString().contains("/objection-decision\""));
        String officerToken = csrf(officer.get(page + rectification));
        Response refused = officer.post(page + rectification + "/rectify", officerToken, "corrections", "no equals sign");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().contains("required>no equals sign</textarea>"), "what was typed stays: " + refused.asString());
        assertEquals(303, officer.post(page + rectification + "/rectify", officerToken, "corrections", "lastName = de Boer").statusCode());
        assertTrue(officer.get(page + rectification).asString().contains("decision.rectification"));

        refused = officer.post(page + objection + "/objection-decision", officerToken, "upheld", "maybe", "reasons", "Not <b>sure</b>");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().contains(">Not &lt;b&gt;sure&lt;/b&gt;</textarea>"), "typed, and escaped: " + refused.asString());
        assertEquals(303, officer.post(page + objection + "/objection-decision", officerToken, "upheld", "false",
                "reasons", "We need the login history to protect your account.").statusCode());
        assertTrue(officer.get(page + objection).asString().contains("decision.objection"));
    }

    @Test
    void theOfficerAnnouncesThatARestrictionWillBeLiftedAndThePersonIsToldFirst() {
        Person person = IdentitySimulator.get().register(newEmail());
        Browser customer = new Browser();
        customer.logIn(person.email(), IdentitySimulator.PASSWORD);
        customer.post("/portal/my-rights/requests", csrf(customer.get("/portal/my-rights")), "type", "RESTRICTION",
                "details", "Please check my address first");
        Matcher id = Pattern.compile("id=\"request-([0-9a-f-]{36})\"").matcher(customer.get("/portal/my-rights").asString());
        assertTrue(id.find());
        String page = "/portal/officer/requests/" + id.group(1);

        Browser officer = new Browser();
        officer.logIn(IdentitySimulator.get().registerStaff(newEmail(), "privacy-officer").email(), IdentitySimulator.PASSWORD);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                officer.get(page).asString().contains("/lift-restriction\""));
        String token = csrf(officer.get(page));
        assertEquals(400, officer.post(page + "/lift-restriction", token, "reason", " ").statusCode());
        assertEquals(303, officer.post(page + "/lift-restriction", token, "reason", "Your address is checked and correct.")
                .statusCode());
        String after = officer.get(page).asString();
        assertTrue(after.contains("to be lifted on") && after.contains("decision.lift-restriction"), after);
        assertFalse(after.contains("/lift-restriction\""), "announced once: no form any more");
        Response again = officer.post(page + "/lift-restriction", token, "reason", "Once more");
        assertEquals(409, again.statusCode());
        assertTrue(again.asString().contains("lifted or announced to be lifted already"), again.asString());
        MailCatcher.Mail notice = PrivacyClient.mail(person.email(), "We will lift the restriction");
        assertTrue(notice.body().contains("Your address is checked and correct."), notice.body());

        Browser admin = new Browser();
        admin.logIn(IdentitySimulator.get().registerStaff(newEmail(), "admin").email(), IdentitySimulator.PASSWORD);
        assertEquals(403, admin.post(page + "/lift-restriction", csrf(admin.get(page)), "reason", "x").statusCode(),
                "admins read, the privacy officer decides");
    }

    @Test
    void aBrowserGetsAPageNotProblemJsonForAnUnknownAddressAWrongMethodAndTooManyAttempts() {
        Response unknown = RestAssured.given().redirects().follow(false).get("/portal/nowhere");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.contentType().startsWith("text/html") && unknown.asString().contains("<h1>Page not found</h1>"),
                unknown.asString());
        assertEquals("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'", unknown.header("Content-Security-Policy"));

        Response wrongMethod = RestAssured.given().redirects().follow(false).delete("/portal/login");
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(wrongMethod.contentType().startsWith("text/html")
                && wrongMethod.asString().contains("<h1>This cannot be done here</h1>"), wrongMethod.asString());

        // one address, eleven filings in a minute: the limit of ten answers with a page and when to try again
        String address = "198.51.100." + (int) (Math.random() * 250 + 1);
        Response last = null;
        for (int i = 0; i < 11; i++) {
            last = RestAssured.given().redirects().follow(false).header("X-Forwarded-For", address)
                    .formParam("email", "x@example.org").post("/portal/requests/new");
        }
        assertEquals(429, last.statusCode());
        assertTrue(last.contentType().startsWith("text/html") && last.asString().contains("too many attempts"), last.asString());
        assertNotNull(last.header("Retry-After"));

        Response noVersion = RestAssured.given().get("/privacy-statement/1999-01-01");
        assertEquals(404, noVersion.statusCode());
        assertTrue(noVersion.contentType().startsWith("text/html") && noVersion.asString().contains("<h1>Page not found</h1>"));

        // the APIs keep answering problem+json
        assertTrue(RestAssured.given().get("/api/v1/nowhere").contentType().startsWith("application/problem+json"));
    }

    @Test
    void theOfficerRecordsAPoliceClaimInTheRegisterOfDisclosures() {
        Browser officer = new Browser();
        officer.logIn(IdentitySimulator.get().registerStaff(newEmail(), "privacy-officer").email(), IdentitySimulator.PASSWORD);
        String token = csrf(officer.get("/portal/officer/disclosures"));
        String subject = java.util.UUID.randomUUID().toString();
        assertEquals(400, officer.post("/portal/officer/disclosures/police-claims", token, "subjectId", "someone",
                "authority", "Politie", "claimReference", "PL-1", "legalBasis", "art. 126nc Sv", "categories", "x", "fields", "y")
                .statusCode());
        Response recorded = officer.post("/portal/officer/disclosures/police-claims", token, "subjectId", subject,
                "authority", "Politie Eenheid Zeeland-West-Brabant", "claimReference", "PL2000-2026123456",
                "legalBasis", "art. 126nc Sv", "categories", "identity.name-address, identity.email", "fields", "name, email");
        assertEquals(303, recorded.statusCode(), recorded.asString());
        String register = officer.get(java.net.URI.create(recorded.header("Location")).getPath() + "?subject=" + subject).asString();
        assertTrue(register.contains("Politie Eenheid Zeeland-West-Brabant") && register.contains("(police claim)")
                && register.contains("PL2000-2026123456"), register);
        assertEquals(400, officer.get("/portal/officer/disclosures?subject=nonsense").statusCode());

        Browser admin = new Browser();
        admin.logIn(IdentitySimulator.get().registerStaff(newEmail(), "admin").email(), IdentitySimulator.PASSWORD);
        String adminView = admin.get("/portal/officer/disclosures?subject=" + subject).asString();
        assertTrue(adminView.contains("PL2000-2026123456") && !adminView.contains("Record the disclosure"), "admins read only");
    }

    /** Every officer form and every customer form refuses a POST without its session's token, and does nothing. */
    @Test
    void everyOfficerAndCustomerFormRefusesAForgedTokenAndStoredTextIsShownEscaped() {
        Browser customer = new Browser();
        customer.logIn(IdentitySimulator.get().register(newEmail()).email(), IdentitySimulator.PASSWORD);
        assertEquals(403, customer.post("/portal/my-rights/requests", "forged", "type", "ACCESS").statusCode());
        assertEquals(403, customer.post("/portal/my-rights/complaints", "forged", "text", "x").statusCode());
        assertTrue(customer.get("/portal/my-rights").asString().contains("You have not filed any requests"));
        customer.post("/portal/my-rights/requests", csrf(customer.get("/portal/my-rights")), "type", "RECTIFICATION",
                "details", "<b onmouseover=alert(1)>My name</b>");
        Matcher filed = Pattern.compile("id=\"request-([0-9a-f-]{36})\"").matcher(customer.get("/portal/my-rights").asString());
        assertTrue(filed.find());

        Browser officer = new Browser();
        officer.logIn(IdentitySimulator.get().registerStaff(newEmail(), "privacy-officer").email(), IdentitySimulator.PASSWORD);
        String request = "/portal/officer/requests/" + filed.group(1);
        String page = officer.get(request).asString();
        assertTrue(page.contains("&lt;b onmouseover=alert(1)&gt;My name&lt;/b&gt;") && !page.contains("<b onmouseover"),
                "what the person wrote is text on the officer's page");
        String id = java.util.UUID.randomUUID().toString();
        for (String form : List.of(request + "/extend", request + "/refuse", request + "/rectify", request + "/objection-decision",
                "/portal/officer/complaints/" + id + "/answer", "/portal/officer/disclosures/police-claims",
                "/portal/officer/retention/holds", "/portal/officer/retention/holds/" + id + "/lift")) {
            assertEquals(403, officer.post(form, "forged", "months", "1", "reasons", "r", "reason", "EXCESSIVE", "answer", "a")
                    .statusCode(), form);
        }
        assertFalse(officer.get(request).asString().contains("decision."), "no decision was taken");
    }
}
