package io.cloudpro.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cloudpro.deploy.Manifests.id;
import static io.cloudpro.deploy.Manifests.name;
import static io.cloudpro.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/ checked without a cluster: every overlay builds with kubectl kustomize, every object is
 * valid against its schema, and the rules in {@link Rules} hold - each of which is broken once here
 * to show that it would fail the build.
 */
class DeployCheckTest {

    static final List<ServiceKafkaConfig> SERVICES = ServiceKafkaConfig.all();
    static final CrdSchemas CRDS = CrdSchemas.load();
    static List<ObjectNode> dev;
    static List<ObjectNode> prod;

    @BeforeAll
    static void build() {
        dev = Manifests.build("overlays/dev");
        prod = Manifests.build("overlays/prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "cluster"})
    void everyObjectIsValidAgainstItsSchema(String kustomization) {
        List<ObjectNode> objects = Manifests.build(kustomization);
        assertFalse(objects.isEmpty());
        List<String> errors = schemaErrors(objects);
        assertTrue(errors.isEmpty(), kustomization + ":\n" + String.join("\n", errors));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theRulesHold(String overlay) {
        List<ObjectNode> objects = overlay.endsWith("dev") ? dev : prod;
        List<String> broken = new ArrayList<>();
        broken.addAll(Rules.containers(objects));
        broken.addAll(Rules.disruptionBudgetsAndAutoscalers(objects));
        broken.addAll(Rules.topics(objects, SERVICES));
        broken.addAll(Rules.kafkaUsers(objects, SERVICES));
        broken.addAll(Rules.noLiteralCredentials(objects));
        broken.addAll(Rules.networkAndIngress(objects));
        broken.addAll(Rules.inTheNamespace(objects, "cloudpro"));
        assertTrue(broken.isEmpty(), overlay + ":\n" + String.join("\n", broken));
        assertEquals(4, ofKind(objects, "Deployment").size(), "a Deployment per service");
    }

    @Test
    void productionRunsEverythingThreeTimesWithBackupsAndDevDoesNot() {
        assertEquals(List.of(), Rules.production(prod));
        assertFalse(Rules.production(dev).isEmpty());
    }

    // --- each rule broken once ------------------------------------------------------------------

    @Test
    void aContainerWithoutAProbeOrWithRootPowersFails() {
        assertBreaks(Rules::containers, "no readinessProbe", objects ->
                container(objects, "order-service").remove("readinessProbe"));
        assertBreaks(Rules::containers, "no memory in resources.limits", objects ->
                ((ObjectNode) container(objects, "identity-service").path("resources").path("limits")).remove("memory"));
        assertBreaks(Rules::containers, "root filesystem is not read-only", objects ->
                ((ObjectNode) container(objects, "retention-service").path("securityContext")).put("readOnlyRootFilesystem", false));
        assertBreaks(Rules::containers, "keeps capabilities", objects ->
                ((ObjectNode) container(objects, "privacy-rights-service").path("securityContext").path("capabilities")).putArray("drop"));
    }

    @Test
    void aDeploymentWithoutABudgetOrAnAutoscalerFails() {
        assertBreaks(Rules::disruptionBudgetsAndAutoscalers, "Deployment/order-service: no PodDisruptionBudget", objects ->
                objects.removeIf(o -> Manifests.kind(o).equals("PodDisruptionBudget") && name(o).equals("order-service")));
        assertBreaks(Rules::disruptionBudgetsAndAutoscalers, "Deployment/identity-service: no HorizontalPodAutoscaler", objects ->
                objects.removeIf(o -> Manifests.kind(o).equals("HorizontalPodAutoscaler") && name(o).equals("identity-service")));
    }

    @Test
    void aRenamedTopicFails() {
        assertBreaks(objects -> Rules.topics(objects, SERVICES), "uses topic privacy.results, which is no KafkaTopic", objects ->
                ((ObjectNode) named(objects, "KafkaTopic", "privacy.results").path("metadata")).put("name", "privacy.result"));
        assertBreaks(objects -> Rules.topics(objects, SERVICES), "disagree on compaction", objects ->
                ((ObjectNode) named(objects, "KafkaTopic", "privacy.erasures").path("spec").path("config")).put("cleanup.policy", "delete"));
    }

    @Test
    void aDroppedOrAnExtraAclFails() {
        assertBreaks(objects -> Rules.kafkaUsers(objects, SERVICES), "on topic:privacy.results: allows [], the service needs [Describe, Write]",
                objects -> {
                    ArrayNode acls = (ArrayNode) named(objects, "KafkaUser", "order-service").path("spec").path("authorization").path("acls");
                    for (int i = 0; i < acls.size(); i++) {
                        if (acls.get(i).path("resource").path("name").asText().equals("privacy.results")) {
                            acls.remove(i);
                        }
                    }
                });
        assertBreaks(objects -> Rules.kafkaUsers(objects, SERVICES), "on topic:identity.events: allows [Describe, Read, Write]",
                objects -> {
                    ArrayNode acls = (ArrayNode) named(objects, "KafkaUser", "identity-service").path("spec").path("authorization").path("acls");
                    acls.forEach(acl -> {
                        if (acl.path("resource").path("name").asText().equals("identity.events")) {
                            ((ArrayNode) acl.path("operations")).add("Read");
                        }
                    });
                });
    }

    @Test
    void aCredentialInTheManifestsFails() {
        assertBreaks(Rules::noLiteralCredentials, "Secret/leaked: holds values", objects -> {
            ObjectNode secret = Manifests.YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
            secret.putObject("metadata").put("name", "leaked");
            secret.putObject("stringData").put("password", "hunter2");
            objects.add(secret);
        });
        assertBreaks(Rules::noLiteralCredentials, "DB_PASSWORD is written in", objects ->
                ((ArrayNode) container(objects, "order-service").path("env")).addObject().put("name", "DB_PASSWORD").put("value", "hunter2"));
    }

    @Test
    void noDefaultDenyOrAnUnprotectedIngressFails() {
        assertBreaks(Rules::networkAndIngress, "no NetworkPolicy denies all traffic by default", objects ->
                objects.removeIf(o -> name(o).equals("default-deny")));
        assertBreaks(Rules::networkAndIngress, "no request-rate limit", objects ->
                ((ObjectNode) named(objects, "Ingress", "privacy-rights-service").path("metadata").path("annotations"))
                        .remove("nginx.ingress.kubernetes.io/limit-rps"));
    }

    @Test
    void anObjectOutsideTheNamespaceFails() {
        assertBreaks(objects -> Rules.inTheNamespace(objects, "cloudpro"), "ScheduledBackup/identity-db-daily: not in the namespace",
                objects -> {
                    ObjectNode backup = copy(prod).stream().filter(o -> id(o).equals("ScheduledBackup/identity-db-daily")).findFirst().orElseThrow();
                    ((ObjectNode) backup.path("metadata")).remove("namespace");
                    objects.add(backup);
                });
    }

    @Test
    void anObjectThatDoesNotMatchItsSchemaFails() {
        List<ObjectNode> objects = copy(dev);
        ((ObjectNode) named(objects, "Kafka", "cloudpro").path("spec").path("kafka")).put("replicas", 3);
        ((ObjectNode) named(objects, "KafkaTopic", "identity.events").path("spec")).put("partitions", "three");
        ((ObjectNode) named(objects, "Deployment", "order-service").path("spec")).put("replica", 2);
        ((ObjectNode) container(objects, "retention-service").path("ports").get(0)).put("containerPort", "8080");
        ((ObjectNode) named(objects, "ConfigMap", "cloudpro-config").path("data")).put("SMTP_PORT", 587);
        String errors = String.join("\n", schemaErrors(objects));
        assertTrue(errors.contains("Kafka/cloudpro: .spec.kafka.replicas: unknown field"), errors);
        assertTrue(errors.contains("KafkaTopic/identity.events: .spec.partitions: must be an integer"), errors);
        assertTrue(errors.contains("Deployment/order-service: .spec: unknown field(s) [replica]"), errors);
        assertTrue(errors.contains("Deployment/retention-service"), errors);
        assertTrue(errors.contains("ConfigMap/cloudpro-config: .data.SMTP_PORT: 587 must be a string"), errors);

        ObjectNode unknownKind = Manifests.YAML.createObjectNode().put("apiVersion", "monitoring.coreos.com/v1").put("kind", "ServiceMonitor");
        unknownKind.putObject("metadata").put("name", "x");
        assertEquals(List.of("ServiceMonitor/x: no schema for monitoring.coreos.com/v1 ServiceMonitor"), schemaErrors(List.of(unknownKind)));
    }

    // --- the README -----------------------------------------------------------------------------

    /** Every Secret the manifests read that no operator creates is created, with each key, by a README command. */
    @Test
    void theReadmeCreatesEverySecretTheManifestsReadWithItsKeys() throws IOException {
        String readme = Files.readString(Manifests.DEPLOY.resolve("README.md"));
        Map<String, Set<String>> needed = new TreeMap<>();
        for (List<ObjectNode> objects : List.of(dev, prod)) {
            Set<String> byOperators = new TreeSet<>(Set.of("cloudpro-cluster-ca-cert", "cloudpro-tls"));
            ofKind(objects, "KafkaUser").forEach(u -> byOperators.add(name(u)));
            ofKind(objects, "Cluster").forEach(c -> byOperators.addAll(Set.of(name(c) + "-app", name(c) + "-ca")));
            collectSecretKeys(objects, needed, byOperators);
        }
        List<String> missing = new ArrayList<>();
        needed.forEach((secret, keys) -> {
            Matcher command = Pattern.compile("create secret generic " + Pattern.quote(secret) + "\\b(?:[^\\n]*\\\\\\n)*[^\\n]*").matcher(readme);
            if (!command.find()) {
                missing.add("no `kubectl create secret generic " + secret + "`");
                return;
            }
            keys.stream().filter(key -> !command.group().contains("=" + key) && !command.group().contains(key + "="))
                    .forEach(key -> missing.add("`create secret generic " + secret + "` lacks the key " + key));
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing));
        for (String overlay : Manifests.OVERLAYS) {
            assertTrue(readme.contains("deploy/" + overlay), "the README applies deploy/" + overlay);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    static List<String> schemaErrors(List<ObjectNode> objects) {
        List<String> errors = new ArrayList<>();
        for (ObjectNode object : objects) {
            var crd = CRDS.schemaOf(object);
            var model = CoreKinds.modelOf(object);
            List<String> found;
            if (crd.isPresent()) {
                found = CrdSchemas.validate(object, crd.get());
            } else if (model.isPresent()) {
                found = CoreKinds.validate(object, model.get());
            } else {
                found = List.of("no schema for " + object.path("apiVersion").asText() + " " + object.path("kind").asText());
            }
            found.forEach(error -> errors.add(id(object) + ": " + error));
        }
        return errors;
    }

    private static void collectSecretKeys(JsonNode node, Map<String, Set<String>> needed, Set<String> byOperators) {
        if (node.isObject()) {
            JsonNode ref = node.get("secretKeyRef");
            if (ref != null && !byOperators.contains(ref.path("name").asText())) {
                needed.computeIfAbsent(ref.path("name").asText(), n -> new TreeSet<>()).add(ref.path("key").asText());
            }
            if (node.has("secretName") && node.path("secretName").isTextual() && !byOperators.contains(node.path("secretName").asText())
                    && node.has("defaultMode")) {
                needed.computeIfAbsent(node.path("secretName").asText(), n -> new TreeSet<>());
            }
            JsonNode s3 = node.get("s3Credentials");
            if (s3 != null) {
                s3.forEach(r -> needed.computeIfAbsent(r.path("name").asText(), n -> new TreeSet<>()).add(r.path("key").asText()));
            }
            node.forEach(child -> collectSecretKeys(child, needed, byOperators));
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretKeys(child, needed, byOperators));
        }
    }

    private static void collectSecretKeys(List<ObjectNode> objects, Map<String, Set<String>> needed, Set<String> byOperators) {
        objects.forEach(o -> collectSecretKeys((JsonNode) o, needed, byOperators));
    }

    private static void assertBreaks(Function<List<ObjectNode>, List<String>> rule, String expected,
                                     java.util.function.Consumer<List<ObjectNode>> breakIt) {
        assertEquals(List.of(), rule.apply(dev), "holds before it is broken");
        List<ObjectNode> objects = copy(dev);
        breakIt.accept(objects);
        List<String> broken = rule.apply(objects);
        assertTrue(broken.stream().anyMatch(b -> b.contains(expected)), "expected «" + expected + "» in " + broken);
    }

    private static List<ObjectNode> copy(List<ObjectNode> objects) {
        return new ArrayList<>(objects.stream().map(ObjectNode::deepCopy).toList());
    }

    private static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    private static ObjectNode container(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) named(objects, "Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0);
    }
}
