package io.cloudpro.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core Kubernetes kinds deploy/ uses, read into the fabric8 Kubernetes model: a field of the
 * wrong type fails to read, and a field the model does not know - a typo, or one from another API
 * version - is reported, where the API server would drop it or refuse the object.
 */
final class CoreKinds {

    private static final Map<String, Class<?>> MODEL = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** No coercion: "8080" where the API wants a number is an error here as it is there. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CoreKinds() {
    }

    static Optional<Class<?>> modelOf(JsonNode object) {
        return Optional.ofNullable(MODEL.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText()));
    }

    /** What is wrong with the object against the model; empty when it is valid. */
    static List<String> validate(JsonNode object, Class<?> model) {
        List<String> errors = new ArrayList<>();
        try {
            Object read = STRICT.treeToValue(object, model);
            unknownFields(read, "", errors);
            numbersWhereStringsBelong(object, STRICT.valueToTree(read), "", errors);
        } catch (Exception e) {
            errors.add(e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        return errors;
    }

    /**
     * Jackson reads 587 or true into a String field without a word; the API server refuses them
     * (a ConfigMap value, an annotation, a label must be a string). Quantities may be numbers.
     */
    private static void numbersWhereStringsBelong(JsonNode written, JsonNode read, String path, List<String> errors) {
        if (written.isObject()) {
            written.fields().forEachRemaining(field -> {
                if (read.has(field.getKey()) && !field.getKey().equals("resources")) {
                    numbersWhereStringsBelong(field.getValue(), read.get(field.getKey()), path + "." + field.getKey(), errors);
                }
            });
        } else if (written.isArray()) {
            for (int i = 0; i < written.size() && i < read.size(); i++) {
                numbersWhereStringsBelong(written.get(i), read.get(i), path + "[" + i + "]", errors);
            }
        } else if ((written.isNumber() || written.isBoolean()) && read.isTextual()) {
            errors.add(path + ": " + written.asText() + " must be a string (quote it)");
        }
    }

    /** Walks the model's getters; every fabric8 object keeps the fields it did not know in additionalProperties. */
    private static void unknownFields(Object value, String path, List<String> errors) throws ReflectiveOperationException {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", errors);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), errors);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    errors.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(field, path + "." + name, errors);
            }
        }
    }
}
