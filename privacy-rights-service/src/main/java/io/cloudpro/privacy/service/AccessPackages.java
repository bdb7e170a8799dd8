package io.cloudpro.privacy.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.AccessPackage;
import io.cloudpro.privacy.domain.CommandParticipant;
import io.cloudpro.privacy.domain.Deadlines;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.mail.PrivacyMails;
import io.cloudpro.privacy.repository.AccessPackageRepository;
import io.cloudpro.privacy.repository.CommandRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.Period;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to an access (art. 15) or portability (art. 20) request: the data every service holds
 * about the person, with the information sheet - for portability only what the person provided or
 * generated under consent or contract, with a JSON Schema. Downloaded with the person's login, or
 * once with the token mailed to them; deleted when it expires, since it is a copy of personal data.
 */
@ApplicationScoped
public class AccessPackages {

    public static final ProblemType PACKAGE_GONE = ProblemType.of("package-gone", 410, "Download no longer available");
    static final String SCHEMA_RESOURCE = "privacy/portability-package.schema.json";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessPackageRepository packages;
    private final RequestRepository requests;
    private final CommandRepository commands;
    private final InformationSheets sheets;
    private final CatalogueRegistry registry;
    private final RequestCompletion completion;
    private final PrivacyMails mails;
    private final HistoryLog history;
    private final Json json;
    private final Period ttl;

    AccessPackages(AccessPackageRepository packages, RequestRepository requests, CommandRepository commands,
                   InformationSheets sheets, CatalogueRegistry registry, RequestCompletion completion, PrivacyMails mails,
                   HistoryLog history, Json json, PrivacyRightsConfig config) {
        this.packages = packages;
        this.requests = requests;
        this.commands = commands;
        this.sheets = sheets;
        this.registry = registry;
        this.completion = completion;
        this.mails = mails;
        this.history = history;
        this.json = json;
        this.ttl = config.packages().ttl();
    }

    /** Builds the package from every participant's export, stores it, and completes the request with its link. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void build(DsrRequest request, List<CommandParticipant> parts) {
        Instant now = Timestamps.now();
        boolean portability = request.type == RequestType.PORTABILITY;
        Subject subject = json.read(request.subject, Subject.class);
        ObjectNode content = json.mapper().createObjectNode();
        ObjectNode about = content.putObject("request");
        about.put("id", request.id.toString());
        about.put("type", request.type.name());
        about.put("receivedOn", request.receivedOn.toString());
        about.put("answeredAt", now.toString());
        content.put("format", portability
                ? "The data you provided to us or that arose under our contract or your consent (GDPR art. 20), per"
                + " service and category, as JSON; the schema describes it."
                : "Everything our services hold about you (GDPR art. 15), per service and category, with the"
                + " information sheet.");
        content.set("informationSheet", json.mapper().valueToTree(
                sheets.build(completion.foundCategories(parts), subject.allIds(), now)));
        ArrayNode services = content.putArray("services");
        for (CommandParticipant part : parts) {
            PrivacyResult result = json.read(part.result, PrivacyResult.class);
            Catalogue catalogue = registry.of(result.service()).orElse(null);
            ObjectNode service = services.addObject();
            service.put("service", result.service());
            service.put("found", result.found());
            ObjectNode data = service.putObject("data");
            if (part.export != null && !part.export.isBlank()) {
                JsonNode exported = json.tree(part.export).path("data");
                exported.fieldNames().forEachRemaining(category -> {
                    if (!portability || (catalogue != null && RequestCompletion.portable(catalogue, category))) {
                        data.set(category, exported.get(category));
                    }
                });
            }
        }
        if (portability) {
            content.set("schema", json.tree(schema()));
        }
        String token = newToken();
        AccessPackage pack = new AccessPackage();
        pack.requestId = request.id;
        pack.content = json.write(content);
        pack.createdAt = now;
        pack.expiresAt = now.atZone(Deadlines.ZONE).plus(ttl).toInstant();
        pack.tokenHash = hash(token);
        packages.persist(pack);
        commands.dropExports(request.id);
        history.forRequest(request.id, "package.created", HistoryLog.SYSTEM, Map.of("expiresAt", pack.expiresAt.toString(),
                "bytes", pack.content.length()));
        completion.complete(request, request.email == null ? null : mails.packageReady(request.email, request, token, pack.expiresAt));
    }

    /** The package of the caller's own request. */
    @Transactional
    public String forLogin(UUID loginId, UUID requestId) {
        DsrRequest request = requests.findById(requestId);
        if (request == null || !loginId.equals(request.loginId)) {
            throw ProblemException.notFound("Request");
        }
        AccessPackage pack = packages.findById(requestId);
        if (pack == null || !pack.expiresAt.isAfter(Timestamps.now())) {
            throw gone(request);
        }
        history.forRequest(requestId, "package.downloaded", HistoryLog.REQUESTER, Map.of("with", "login"));
        return pack.content;
    }

    /** The package, with the one-time token from the mail. */
    @Transactional
    public String withToken(UUID requestId, String token) {
        AccessPackage pack = token == null ? null : packages.byTokenHash(hash(token)).orElse(null);
        if (pack == null || !pack.requestId.equals(requestId)) {
            throw ProblemException.notFound("Download");
        }
        if (pack.tokenUsedAt != null || !pack.expiresAt.isAfter(Timestamps.now())) {
            throw new ProblemException(PACKAGE_GONE, "This link was used before or has expired."
                    + " Log in to download it again while it is available, or file a new request.");
        }
        pack.tokenUsedAt = Timestamps.now();
        history.forRequest(requestId, "package.downloaded", HistoryLog.REQUESTER, Map.of("with", "token"));
        return pack.content;
    }

    @Transactional
    public long deleteExpired() {
        return packages.deleteExpired(Timestamps.now());
    }

    private static ProblemException gone(DsrRequest request) {
        return request.type.producesPackage() && request.completedAt != null
                ? new ProblemException(PACKAGE_GONE, "The download has expired and was deleted; file a new request.")
                : ProblemException.notFound("Download");
    }

    /** The JSON Schema of a portability package. */
    public static String schema() {
        try (InputStream in = AccessPackages.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
