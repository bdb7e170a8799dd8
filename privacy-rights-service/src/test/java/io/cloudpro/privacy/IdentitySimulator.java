package io.cloudpro.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * identity-service as privacy-rights-service meets it, simulated over real HTTP and a real Kafka
 * broker: it issues service tokens, answers the subject lookup from the people a test registers,
 * publishes a catalogue, and answers privacy commands as a participant would - exports by claim
 * check included. It can fall silent (a participant that is down) or refuse lookups (identity-service
 * away). The real identity-service plays this part in the system tests.
 */
public final class IdentitySimulator {

    public static final String SERVICE = "identity-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IdentitySimulator instance;

    private final HttpServer server;
    private final Map<String, Person> byEmail = new ConcurrentHashMap<>();
    private final Map<UUID, Person> byLogin = new ConcurrentHashMap<>();
    private final Map<UUID, String> exports = new ConcurrentHashMap<>();
    private final Map<UUID, String> answers = new ConcurrentHashMap<>();
    private final Map<UUID, JsonNode> corrections = new ConcurrentHashMap<>();
    /** How often each command had an effect here: must stay 1 however often it is sent. */
    private final Map<UUID, Integer> effects = new ConcurrentHashMap<>();
    private final Set<UUID> commandsSeen = ConcurrentHashMap.newKeySet();
    /** The portal's logins: refresh token -> login; each person's logins (when, from where); newsletter choices. */
    private final Map<String, UUID> refreshTokens = new ConcurrentHashMap<>();
    private final Map<UUID, List<ObjectNode>> loginHistory = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> newsletter = new ConcurrentHashMap<>();
    private final Map<UUID, String[]> staffRoles = new ConcurrentHashMap<>();
    /** Logins whose access tokens end within seconds (so that every page refreshes them), and their refresh count. */
    private final Set<UUID> shortLived = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> refreshes = new ConcurrentHashMap<>();
    private volatile boolean accountsDown;
    private volatile boolean silent;
    private volatile boolean lookupsDown;
    /** Non-null while the holdings question stalls: the stalled answers wait for it to open. */
    private volatile java.util.concurrent.CountDownLatch holdingsStall;

    /** Every simulated person's password. */
    public static final String PASSWORD = "test-only password";

    /** A person identity-service knows. */
    public record Person(String email, UUID accountId, UUID loginId) {
    }

    private IdentitySimulator(HttpServer server) {
        this.server = server;
    }

    public static synchronized IdentitySimulator get() {
        if (instance == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                // a handler that stalls on purpose must not hold up the others
                server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "identity-simulator");
                    thread.setDaemon(true);
                    return thread;
                }));
                instance = new IdentitySimulator(server);
                server.createContext("/api/v1/auth/service-token", instance::serviceToken);
                server.createContext("/api/v1/privacy/subjects", instance::lookup);
                server.createContext("/api/v1/privacy/holdings", instance::holdings);
                server.createContext("/exports/", instance::export);
                server.createContext("/api/v1/privacy/corrections/", instance::corrections);
                server.createContext("/api/v1/auth/login", instance::login);
                server.createContext("/api/v1/auth/refresh", instance::refresh);
                server.createContext("/api/v1/auth/logout", instance::logout);
                server.createContext("/api/v1/me", instance::me);
                server.start();
                instance.publishCatalogue();
                Thread consumer = new Thread(instance::answerCommands, "identity-simulator");
                consumer.setDaemon(true);
                consumer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A new person with an account, known to the simulated identity-service. */
    public Person register(String email) {
        Person person = new Person(email.toLowerCase(), UUID.randomUUID(), UUID.randomUUID());
        byEmail.put(person.email(), person);
        byLogin.put(person.loginId(), person);
        return person;
    }

    /** A staff login (no account) holding {@code roles}, who logs in like anyone else. */
    public Person registerStaff(String email, String... roles) {
        Person person = new Person(email.toLowerCase(), null, UUID.randomUUID());
        byEmail.put(person.email(), person);
        byLogin.put(person.loginId(), person);
        staffRoles.put(person.loginId(), roles);
        return person;
    }

    /** From now on the person's access tokens last seconds, not minutes: each portal page must refresh them. */
    public void shortLivedTokens(UUID loginId) {
        shortLived.add(loginId);
    }

    public int refreshes(UUID loginId) {
        return refreshes.getOrDefault(loginId, 0);
    }

    /** identity-service ends every session of the login (a new password, a lock): its refresh tokens stop working. */
    public void endSessions(UUID loginId) {
        refreshTokens.values().removeIf(loginId::equals);
    }

    /** Logins, refreshes and the person's own data answer 503: identity-service is away. */
    public void accountsDown(boolean down) {
        this.accountsDown = down;
    }

    /** The logins of a person, newest first, as identity-service recorded them (address and browser the portal passed on). */
    public List<ObjectNode> logins(UUID loginId) {
        return loginHistory.getOrDefault(loginId, List.of());
    }

    /** Whether the refresh token of a login was handed back at a logout. */
    public boolean loggedOut(UUID loginId) {
        return !refreshTokens.containsValue(loginId);
    }

    public void silent(boolean silent) {
        this.silent = silent;
    }

    public void lookupsDown(boolean down) {
        this.lookupsDown = down;
    }

    /** The question "what do you hold about this person" gets no answer until this is switched off again. */
    public void holdingsStalled(boolean stalled) {
        java.util.concurrent.CountDownLatch previous = holdingsStall;
        holdingsStall = stalled ? new java.util.concurrent.CountDownLatch(1) : null;
        if (previous != null) {
            previous.countDown();
        }
    }

    public int effects(UUID commandId) {
        return effects.getOrDefault(commandId, 0);
    }

    public boolean received(UUID commandId) {
        return commandsSeen.contains(commandId);
    }

    // --- HTTP ---------------------------------------------------------------------------------------------

    private void serviceToken(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!"test-only-service-secret".equals(body.path("clientSecret").asText())) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String token = TestTokens.staff("service").subject(body.path("clientId").asText()).build();
        respond(exchange, 200, "{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresIn\":600}");
    }

    private void lookup(HttpExchange exchange) throws IOException {
        if (lookupsDown) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        if (!exchange.getRequestHeaders().getFirst("Authorization").startsWith("Bearer ")) {
            respond(exchange, 401, "{}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        Person person = body.hasNonNull("loginId") ? byLogin.get(UUID.fromString(body.get("loginId").asText()))
                : byEmail.get(body.path("email").asText().toLowerCase());
        String email = person != null ? person.email() : body.hasNonNull("email") ? body.get("email").asText().toLowerCase() : null;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("email", email);
        ArrayNode accounts = answer.putArray("accountIds");
        ArrayNode logins = answer.putArray("loginIds");
        answer.putArray("applicationIds");
        if (person != null) {
            accounts.add(person.accountId().toString());
            logins.add(person.loginId().toString());
        }
        respond(exchange, 200, answer.toString());
    }

    /** Counts per category for a known person: their account, and the logins the portal made. */
    private void holdings(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, "{}");
            return;
        }
        JsonNode subject = JSON.readTree(exchange.getRequestBody());
        java.util.concurrent.CountDownLatch stall = holdingsStall;
        if (stall != null) {
            try {
                stall.await(60, java.util.concurrent.TimeUnit.SECONDS); // released by holdingsStalled(false)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("service", SERVICE);
        ArrayNode categories = answer.putArray("categories");
        for (JsonNode login : subject.path("loginIds")) {
            Person person = byLogin.get(UUID.fromString(login.asText()));
            if (person != null && person.accountId() != null) {
                categories.addObject().put("category", "identity.name-address").put("records", 1);
                categories.addObject().put("category", "identity.login-history").put("records", logins(person.loginId()).size());
            }
        }
        respond(exchange, 200, answer.toString());
    }

    private void export(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, "{}");
            return;
        }
        UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/exports/".length()));
        if ("DELETE".equals(exchange.getRequestMethod())) {
            exports.remove(id);
            respond(exchange, 204, null);
            return;
        }
        String export = exports.get(id);
        respond(exchange, export == null ? 404 : 200, export == null ? "{\"status\":404}" : export);
    }

    private void corrections(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !"PUT".equals(exchange.getRequestMethod())) {
            respond(exchange, 401, "{}");
            return;
        }
        UUID commandId = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/v1/privacy/corrections/".length()));
        corrections.put(commandId, JSON.readTree(exchange.getRequestBody()).path("corrections"));
        respond(exchange, 204, null);
    }

    private void login(HttpExchange exchange) throws IOException {
        if (accountsDown) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        Person person = byEmail.get(body.path("email").asText().toLowerCase());
        if (person == null || !PASSWORD.equals(body.path("password").asText())) {
            respond(exchange, 401, "{\"status\":401,\"title\":\"Invalid credentials\"}");
            return;
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("occurredAt", Instant.now().toString());
        entry.put("ip", exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
        entry.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        entry.put("outcome", "SUCCESS");
        entry.put("purpose", "LOGIN");
        entry.put("newLocation", false);
        loginHistory.computeIfAbsent(person.loginId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(0, entry);
        respond(exchange, 200, tokens(person));
    }

    private void refresh(HttpExchange exchange) throws IOException {
        if (accountsDown) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        UUID loginId = refreshTokens.remove(JSON.readTree(exchange.getRequestBody()).path("refreshToken").asText());
        if (loginId == null) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        refreshes.merge(loginId, 1, Integer::sum);
        respond(exchange, 200, tokens(byLogin.get(loginId)));
    }

    private void logout(HttpExchange exchange) throws IOException {
        refreshTokens.remove(JSON.readTree(exchange.getRequestBody()).path("refreshToken").asText());
        respond(exchange, 204, null);
    }

    /** {@code /api/v1/me}, {@code /me/logins} and {@code /me/newsletter} of the bearer. */
    private void me(HttpExchange exchange) throws IOException {
        if (accountsDown) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        Person person = bearer(exchange);
        if (person == null) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        ObjectNode answer = JSON.createObjectNode();
        if (path.equals("/api/v1/me")) {
            answer.put("accountId", person.accountId().toString());
            answer.put("loginId", person.loginId().toString());
            answer.put("email", person.email());
            answer.put("emailVerified", true);
            answer.put("firstName", "Fenna");
            answer.put("lastName", "de Vries");
            ObjectNode address = answer.putObject("address");
            address.put("street", "Stationsplein 1");
            address.put("postalCode", "5611 AB");
            address.put("city", "Eindhoven");
            address.put("country", "NL");
            answer.put("createdAt", "2025-03-01T09:00:00Z");
        } else if (path.equals("/api/v1/me/logins")) {
            List<ObjectNode> logins = logins(person.loginId());
            answer.putArray("items").addAll(logins);
            answer.put("page", 0);
            answer.put("size", 20);
            answer.put("total", logins.size());
        } else if (path.equals("/api/v1/me/newsletter")) {
            if ("PUT".equals(exchange.getRequestMethod())) {
                newsletter.put(person.accountId(), JSON.readTree(exchange.getRequestBody()).path("subscribed").asBoolean());
            }
            answer.put("subscribed", newsletter.getOrDefault(person.accountId(), false));
            answer.put("since", "2025-03-01T09:00:00Z");
        } else {
            respond(exchange, 404, "{\"status\":404}");
            return;
        }
        respond(exchange, 200, answer.toString());
    }

    private String tokens(Person person) {
        String refresh = UUID.randomUUID().toString();
        refreshTokens.put(refresh, person.loginId());
        String[] roles = staffRoles.get(person.loginId());
        Instant expires = Instant.now().plusSeconds(shortLived.contains(person.loginId()) ? 10 : 600);
        String access = roles != null
                ? TestTokens.staff(roles[0]).groups(roles).subject(person.loginId().toString()).expiresAt(expires).build()
                : TestTokens.customer().subject(person.loginId().toString()).accountId(person.accountId().toString())
                        .expiresAt(expires).build();
        return "{\"accessToken\":\"" + access + "\",\"tokenType\":\"Bearer\",\"expiresIn\":600,\"refreshToken\":\""
                + refresh + "\",\"refreshTokenExpiresAt\":\"" + Instant.now().plus(Duration.ofDays(14)) + "\"}";
    }

    /** The person whose access token the request carries (its subject; the service under test checked the signature). */
    private Person bearer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        String payload = auth.substring("Bearer ".length()).split("\\.")[1];
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
        return byLogin.get(UUID.fromString(claims.path("sub").asText()));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    // --- the participant ----------------------------------------------------------------------------------

    private void publishCatalogue() {
        String category = """
                {"key":"%s","name":"%s","description":"%s","purposes":["%s"],"legalBasis":"%s",%s
                 "retention":{"period":"%s","startsAt":"%s","action":"DELETE"},
                 "erasure":%s,"portable":%s,"source":"DATA_SUBJECT","tables":["%s"]%s}""";
        String catalogue = "{\"service\":\"" + SERVICE + "\",\"baseUrl\":\"" + url() + "\",\"categories\":["
                + category.formatted("identity.name-address", "Name and address", "Your name and address.",
                "address you", "CONTRACT", "\"recipients\":[{\"name\":\"SIDN\",\"role\":\"the .nl registry\"}],",
                "P30D", "the account is closed", "{\"behaviour\":\"ANONYMISED\"}", true, "account", "") + ","
                + category.formatted("identity.email", "E-mail address", "The address you log in with.",
                "messages about your account", "CONTRACT", "", "P30D", "the account is closed",
                "{\"behaviour\":\"ERASED\"}", true, "credential", "") + ","
                + category.formatted("identity.login-history", "IP addresses of logins", "Every login attempt.",
                "protect your account", "LEGITIMATE_INTERESTS", "", "P90D", "the login itself",
                "{\"behaviour\":\"ERASED\"}", false, "login_attempt", ",\"nl\":{\"name\":\"IP-adressen van logins\","
                + "\"description\":\"Elke inlogpoging.\",\"purposes\":[\"uw account beschermen\"],\"startsAt\":\"de login zelf\"}") + ","
                + category.formatted("identity.newsletter-consent", "Newsletter consent", "Proof of your consent.",
                "send the newsletter", "CONSENT", "", "P2Y", "you withdrew your consent",
                "{\"behaviour\":\"WITHHELD\",\"exception\":\"art. 17(3)(e) GDPR\",\"law\":\"art. 7(1) GDPR\"}", true,
                "newsletter_consent", "")
                + "],\"technicalTables\":[]}";
        KafkaTopics.sendEvent("privacy.catalogues", SERVICE, "io.cloudpro.privacy.catalogue.published.v1",
                "{\"catalogue\":" + catalogue + ",\"publishedAt\":\"" + Instant.now() + "\"}");
    }

    private void answerCommands() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "identity-simulator",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("privacy.commands"));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        JsonNode command = JSON.readTree(record.value());
                        handle(command);
                    } catch (IOException | RuntimeException e) {
                        System.err.println("identity simulator: " + e);
                    }
                }
            }
        }
    }

    private void handle(JsonNode command) throws IOException {
        JsonNode targets = command.path("targets");
        boolean forMe = targets.isEmpty() || targets.toString().contains("\"" + SERVICE + "\"");
        if (!forMe) {
            return;
        }
        UUID commandId = UUID.fromString(command.path("commandId").asText());
        commandsSeen.add(commandId);
        if (silent || ("RECTIFY".equals(command.path("kind").asText()) && !corrections.containsKey(commandId)
                && !answers.containsKey(commandId))) {
            return; // a rectification waits for its corrections, as the platform's participants do
        }
        String answer = answers.computeIfAbsent(commandId, id -> {
            effects.merge(id, 1, Integer::sum);
            return result(command, id);
        });
        String subjectId = command.path("subject").path("subjectId").asText();
        KafkaTopics.sendEvent("privacy.results", subjectId, "io.cloudpro.privacy.result."
                + command.path("kind").asText().toLowerCase().replace('_', '-') + ".v1", answer);
    }

    private String result(JsonNode command, UUID commandId) {
        String kind = command.path("kind").asText();
        boolean known = command.path("subject").path("accountIds").size() > 0;
        ObjectNode result = JSON.createObjectNode();
        result.put("commandId", commandId.toString());
        result.put("requestId", command.path("requestId").asText());
        result.put("kind", kind);
        result.put("service", SERVICE);
        result.put("subjectId", command.path("subject").path("subjectId").asText());
        result.put("found", known);
        result.put("completedAt", Instant.now().toString());
        ArrayNode categories = result.putArray("categories");
        if (!known) {
            return result.toString();
        }
        switch (kind) {
            case "EXPORT" -> {
                UUID exportId = UUID.randomUUID();
                String document = "{\"service\":\"" + SERVICE + "\",\"data\":{"
                        + "\"identity.name-address\":[{\"firstName\":\"Jan\",\"lastName\":\"Jansen\",\"city\":\"Tilburg\"}],"
                        + "\"identity.email\":[{\"email\":\"jan@example.nl\",\"confirmed\":true}],"
                        + "\"identity.login-history\":{\"attempts\":[{\"ip\":\"203.0.113.9\"}]}}}";
                exports.put(exportId, document);
                categories.add(outcome("identity.name-address", "EXPORTED", 1));
                categories.add(outcome("identity.email", "EXPORTED", 1));
                categories.add(outcome("identity.login-history", "EXPORTED", 1));
                ObjectNode ref = result.putObject("export");
                ref.put("exportId", exportId.toString());
                ref.put("url", url() + "/exports/" + exportId);
                ref.put("bytes", document.length());
            }
            case "ERASE" -> {
                categories.add(outcome("identity.name-address", "ANONYMISED", 1));
                categories.add(outcome("identity.email", "ERASED", 1));
                ObjectNode kept = result.putArray("withheld").addObject();
                kept.put("category", "identity.newsletter-consent");
                kept.put("record", "opt-out of 2026-01-05");
                kept.put("exception", "art. 17(3)(e) GDPR: proof of a withdrawn consent");
                kept.put("law", "art. 7(1) GDPR");
                kept.put("until", "2028-01-05T00:00:00Z");
            }
            case "RESTRICT" -> categories.add(outcome("identity.name-address", "RESTRICTED", 1));
            case "LIFT_RESTRICTION" -> categories.add(outcome("identity.name-address", "RESTRICTION_LIFTED", 1));
            case "RECTIFY" -> {
                JsonNode delivered = corrections.remove(commandId);
                categories.add(outcome("identity.name-address", "RECTIFIED", delivered.size()));
                ArrayNode changed = result.putArray("changedFields");
                delivered.fieldNames().forEachRemaining(changed::add);
            }
            case "OBJECT" -> categories.add(outcome(command.path("processing").asText().equals("direct-marketing")
                    ? "identity.newsletter-consent" : command.path("processing").asText(),
                    command.path("processing").asText().equals("direct-marketing") ? "STOPPED" : "RECORDED", 1));
            default -> {
            }
        }
        return result.toString();
    }

    private static ObjectNode outcome(String category, String outcome, long count) {
        ObjectNode node = JSON.createObjectNode();
        node.put("category", category);
        node.put("outcome", outcome);
        node.put("count", count);
        return node;
    }
}
