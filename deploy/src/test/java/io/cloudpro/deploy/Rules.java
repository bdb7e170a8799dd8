package io.cloudpro.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudpro.infra.PlatformTopics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.cloudpro.deploy.Manifests.id;
import static io.cloudpro.deploy.Manifests.name;
import static io.cloudpro.deploy.Manifests.ofKind;

/**
 * The rules an operations team relies on, each a list of what breaks it in a set of objects (empty
 * when it holds). DeployCheckTest applies them to every overlay, and breaks each once to see it
 * fail.
 */
final class Rules {

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|secret|token|jaas|api_?key|private|credential).*");

    private Rules() {
    }

    /** Every container: startup, liveness and readiness probes; requests and limits; the locked-down security context. */
    static List<String> containers(List<ObjectNode> objects) {
        List<String> broken = new ArrayList<>();
        for (ObjectNode deployment : ofKind(objects, "Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                String at = id(deployment) + " container " + container.path("name").asText();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (!container.has(probe)) {
                        broken.add(at + ": no " + probe);
                    }
                }
                JsonNode resources = container.path("resources");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (!resources.path(kind).has(resource)) {
                            broken.add(at + ": no " + resource + " in resources." + kind);
                        }
                    }
                }
                JsonNode security = container.path("securityContext");
                JsonNode podSecurity = pod.path("securityContext");
                if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
                    broken.add(at + ": allowPrivilegeEscalation is not false");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean()) {
                    broken.add(at + ": the root filesystem is not read-only");
                }
                if (!security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean())) {
                    broken.add(at + ": may run as root");
                }
                if (!texts(security.path("capabilities").path("drop")).contains("ALL")) {
                    broken.add(at + ": keeps capabilities (drop: [ALL] missing)");
                }
                String seccomp = security.path("seccompProfile").path("type").asText(podSecurity.path("seccompProfile").path("type").asText());
                if (!"RuntimeDefault".equals(seccomp)) {
                    broken.add(at + ": no RuntimeDefault seccomp profile");
                }
                String image = container.path("image").asText();
                if (!image.contains(":") || image.endsWith(":latest")) {
                    broken.add(at + ": image " + image + " has no fixed tag");
                }
            }
        }
        return broken;
    }

    /** Every Deployment: a PodDisruptionBudget selecting its pods, and a HorizontalPodAutoscaler scaling it. */
    static List<String> disruptionBudgetsAndAutoscalers(List<ObjectNode> objects) {
        List<String> broken = new ArrayList<>();
        for (ObjectNode deployment : ofKind(objects, "Deployment")) {
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            boolean budget = ofKind(objects, "PodDisruptionBudget").stream().anyMatch(pdb -> selects(pdb.path("spec").path("selector"), labels));
            if (!budget) {
                broken.add(id(deployment) + ": no PodDisruptionBudget selects its pods");
            }
            boolean scaler = ofKind(objects, "HorizontalPodAutoscaler").stream().anyMatch(hpa ->
                    "Deployment".equals(hpa.path("spec").path("scaleTargetRef").path("kind").asText())
                            && name(deployment).equals(hpa.path("spec").path("scaleTargetRef").path("name").asText()));
            if (!scaler) {
                broken.add(id(deployment) + ": no HorizontalPodAutoscaler scales it");
            }
        }
        return broken;
    }

    /**
     * Topics: every topic a service's configuration names is a KafkaTopic, every KafkaTopic is one a
     * service uses, and the local suite's topics are the same and compacted alike.
     */
    static List<String> topics(List<ObjectNode> objects, List<ServiceKafkaConfig> services) {
        Map<String, JsonNode> declared = new TreeMap<>();
        ofKind(objects, "KafkaTopic").forEach(t -> declared.put(t.path("spec").path("topicName").asText(name(t)), t));
        List<String> broken = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (ServiceKafkaConfig service : services) {
            for (String topic : service.topics()) {
                used.add(topic);
                if (!declared.containsKey(topic)) {
                    broken.add(service.service() + " uses topic " + topic + ", which is no KafkaTopic");
                }
            }
        }
        declared.keySet().stream().filter(t -> !used.contains(t))
                .forEach(t -> broken.add("KafkaTopic " + t + " is used by no service's configuration"));
        PlatformTopics.ALL.forEach((topic, settings) -> {
            JsonNode kafkaTopic = declared.get(topic);
            if (kafkaTopic == null) {
                broken.add("the local suite creates " + topic + ", deploy/ has no KafkaTopic for it");
            } else if ("compact".equals(settings.get("cleanup.policy"))
                    != "compact".equals(kafkaTopic.path("spec").path("config").path("cleanup.policy").asText())) {
                broken.add("KafkaTopic " + topic + " and the local suite's topic disagree on compaction");
            }
        });
        return broken;
    }

    /** Every service has a KafkaUser, authenticated, whose ACLs are exactly what its configuration needs. */
    static List<String> kafkaUsers(List<ObjectNode> objects, List<ServiceKafkaConfig> services) {
        List<String> broken = new ArrayList<>();
        for (ServiceKafkaConfig service : services) {
            ObjectNode user = ofKind(objects, "KafkaUser").stream().filter(u -> name(u).equals(service.service())).findFirst().orElse(null);
            if (user == null) {
                broken.add(service.service() + " has no KafkaUser");
                continue;
            }
            if (!Set.of("scram-sha-512", "tls").contains(user.path("spec").path("authentication").path("type").asText())) {
                broken.add(id(user) + ": not authenticated with SCRAM-SHA-512 or mutual TLS");
            }
            Map<String, Set<String>> granted = new TreeMap<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                if (!"allow".equals(acl.path("type").asText("allow")) || "prefix".equals(resource.path("patternType").asText())) {
                    broken.add(id(user) + ": only literal allow rules are expected, found " + acl);
                }
                granted.computeIfAbsent(resource.path("type").asText() + ":" + resource.path("name").asText(), r -> new TreeSet<>())
                        .addAll(texts(acl.path("operations")));
            }
            Map<String, Set<String>> needed = service.neededAcls();
            for (String resource : union(needed.keySet(), granted.keySet())) {
                Set<String> want = needed.getOrDefault(resource, Set.of());
                Set<String> have = granted.getOrDefault(resource, Set.of());
                if (!want.equals(have)) {
                    broken.add(id(user) + " on " + resource + ": allows " + have + ", the service needs " + want);
                }
            }
        }
        return broken;
    }

    /** No Secret in the manifests holds data, and no credential is written into an env var or a ConfigMap. */
    static List<String> noLiteralCredentials(List<ObjectNode> objects) {
        List<String> broken = new ArrayList<>();
        for (ObjectNode secret : ofKind(objects, "Secret")) {
            if (secret.has("data") || secret.has("stringData")) {
                broken.add(id(secret) + ": holds values; create Secrets outside the repository (deploy/README.md)");
            }
        }
        for (ObjectNode deployment : ofKind(objects, "Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (CREDENTIAL.matcher(env.path("name").asText()).matches() && env.has("value")) {
                        broken.add(id(deployment) + ": " + env.path("name").asText() + " is written in, not read from a Secret");
                    }
                }
            }
        }
        for (ObjectNode configMap : ofKind(objects, "ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(key -> {
                if (CREDENTIAL.matcher(key).matches()) {
                    broken.add(id(configMap) + ": " + key + " belongs in a Secret");
                }
            });
        }
        return broken;
    }

    /** Deny by default; every Ingress: TLS for all its hosts, HTTPS only, a request-rate limit. */
    static List<String> networkAndIngress(List<ObjectNode> objects) {
        List<String> broken = new ArrayList<>();
        boolean denyAll = ofKind(objects, "NetworkPolicy").stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && texts(p.path("spec").path("policyTypes")).containsAll(Set.of("Ingress", "Egress"))
                && !p.path("spec").has("ingress") && !p.path("spec").has("egress"));
        if (!denyAll) {
            broken.add("no NetworkPolicy denies all traffic by default");
        }
        for (ObjectNode ingress : ofKind(objects, "Ingress")) {
            Set<String> tlsHosts = new TreeSet<>();
            ingress.path("spec").path("tls").forEach(t -> tlsHosts.addAll(texts(t.path("hosts"))));
            ingress.path("spec").path("rules").forEach(r -> {
                if (!tlsHosts.contains(r.path("host").asText())) {
                    broken.add(id(ingress) + ": " + r.path("host").asText() + " is served without TLS");
                }
            });
            JsonNode annotations = ingress.path("metadata").path("annotations");
            if (!"true".equals(annotations.path("nginx.ingress.kubernetes.io/force-ssl-redirect").asText())) {
                broken.add(id(ingress) + ": plain HTTP is not redirected to HTTPS");
            }
            if (!annotations.has("nginx.ingress.kubernetes.io/limit-rps")) {
                broken.add(id(ingress) + ": no request-rate limit");
            }
        }
        return broken;
    }

    /** Every object lands in the platform's namespace (cluster-wide kinds aside). */
    static List<String> inTheNamespace(List<ObjectNode> objects, String namespace) {
        Set<String> clusterWide = Set.of("Namespace", "ClusterIssuer", "ClusterRole", "ClusterRoleBinding");
        return objects.stream().filter(o -> !clusterWide.contains(Manifests.kind(o)))
                .filter(o -> !namespace.equals(o.path("metadata").path("namespace").asText()))
                .map(o -> id(o) + ": not in the namespace " + namespace).toList();
    }

    /** Production: three Kafka nodes, topics on three with two in sync, three database instances with backups. */
    static List<String> production(List<ObjectNode> objects) {
        List<String> broken = new ArrayList<>();
        int nodes = ofKind(objects, "KafkaNodePool").stream().mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        if (nodes < 3) {
            broken.add("Kafka has " + nodes + " nodes, not 3");
        }
        for (ObjectNode topic : ofKind(objects, "KafkaTopic")) {
            if (topic.path("spec").path("replicas").asInt() < 3
                    || topic.path("spec").path("config").path("min.insync.replicas").asInt() != 2) {
                broken.add(id(topic) + ": not 3 replicas with min.insync.replicas 2");
            }
        }
        Set<String> scheduled = ofKind(objects, "ScheduledBackup").stream()
                .map(b -> b.path("spec").path("cluster").path("name").asText()).collect(Collectors.toSet());
        for (ObjectNode cluster : ofKind(objects, "Cluster")) {
            if (cluster.path("spec").path("instances").asInt() < 3) {
                broken.add(id(cluster) + ": fewer than 3 instances");
            }
            if (!cluster.path("spec").path("backup").has("barmanObjectStore") || !scheduled.contains(name(cluster))) {
                broken.add(id(cluster) + ": no scheduled backups to object storage");
            }
        }
        return broken;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.path("matchLabels");
        if (match.isEmpty()) {
            return false;
        }
        for (var it = match.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
