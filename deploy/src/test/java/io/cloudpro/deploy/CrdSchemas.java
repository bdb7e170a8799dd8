package io.cloudpro.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operators' published CustomResourceDefinitions (src/test/resources/crds, see the NOTICE there)
 * and a validator for their OpenAPI v3 structural schemas: types, required fields, enums, patterns,
 * bounds, lengths and item counts, int-or-string (with its pattern), and no field the schema does
 * not know (the API server would drop it silently, so a typo would pass unnoticed). CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated.
 */
final class CrdSchemas {

    static final Path FOLDER = Manifests.DEPLOY.resolve("src/test/resources/crds");

    /** "group/version/Kind" to the version's openAPIV3Schema. */
    private final Map<String, JsonNode> schemas = new HashMap<>();

    private CrdSchemas() {
    }

    static CrdSchemas load() {
        CrdSchemas crds = new CrdSchemas();
        try (Stream<Path> files = Files.walk(FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = Manifests.YAML.readTree(file.toFile());
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (version.path("served").asBoolean()) {
                        crds.schemas.put(group + "/" + version.path("name").asText() + "/" + kind,
                                version.path("schema").path("openAPIV3Schema"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crds;
    }

    /** The schema of the object's apiVersion and kind, if an operator defines it. */
    Optional<JsonNode> schemaOf(JsonNode object) {
        return Optional.ofNullable(schemas.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText()));
    }

    /** What is wrong with the object against the schema; empty when it is valid. */
    static List<String> validate(JsonNode object, JsonNode schema) {
        List<String> errors = new ArrayList<>();
        check(object, schema, "", errors);
        return errors;
    }

    private static void check(JsonNode node, JsonNode schema, String path, List<String> errors) {
        if (node == null || node.isNull()) {
            if (!schema.path("nullable").asBoolean()) {
                errors.add(path + ": null where a value is required");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!node.isIntegralNumber() && !node.isTextual()) {
                errors.add(path + ": must be an integer or a string");
            } else if (node.isTextual() && schema.has("pattern") && !matches(schema, node)) {
                errors.add(path + ": '" + node.asText() + "' does not match " + schema.get("pattern").asText());
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> checkObject(node, schema, path, errors);
            case "array" -> {
                if (!node.isArray()) {
                    errors.add(path + ": must be a list");
                } else {
                    if (node.size() < schema.path("minItems").asInt(0) || node.size() > schema.path("maxItems").asInt(Integer.MAX_VALUE)) {
                        errors.add(path + ": " + node.size() + " items, outside minItems/maxItems");
                    }
                    if (schema.has("items")) {
                        for (int i = 0; i < node.size(); i++) {
                            check(node.get(i), schema.get("items"), path + "[" + i + "]", errors);
                        }
                    }
                }
            }
            case "string" -> {
                if (!node.isTextual()) {
                    errors.add(path + ": must be a string, is " + node.getNodeType());
                } else if (schema.has("pattern") && !matches(schema, node)) {
                    errors.add(path + ": '" + node.asText() + "' does not match " + schema.get("pattern").asText());
                } else if (node.asText().length() < schema.path("minLength").asInt(0)
                        || node.asText().length() > schema.path("maxLength").asInt(Integer.MAX_VALUE)) {
                    errors.add(path + ": '" + node.asText() + "' is outside minLength/maxLength");
                }
            }
            case "integer" -> {
                if (!node.isIntegralNumber()) {
                    errors.add(path + ": must be an integer, is " + node.getNodeType());
                }
                bounds(node, schema, path, errors);
            }
            case "number" -> {
                if (!node.isNumber()) {
                    errors.add(path + ": must be a number, is " + node.getNodeType());
                }
                bounds(node, schema, path, errors);
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    errors.add(path + ": must be true or false, is " + node.getNodeType());
                }
            }
            default -> {
                if (schema.has("properties") && node.isObject()) {
                    checkObject(node, schema, path, errors);
                }
            }
        }
        if (schema.has("enum") && !contains(schema.get("enum"), node)) {
            errors.add(path + ": '" + node.asText() + "' is not one of " + schema.get("enum"));
        }
        if (node.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText()) && !"object".equals(type)) {
                    errors.add(path + ": " + required.asText() + " is required");
                }
            }
        }
        combinations(node, schema, path, errors);
    }

    private static void checkObject(JsonNode node, JsonNode schema, String path, List<String> errors) {
        if (!node.isObject()) {
            errors.add(path + ": must be an object, is " + node.getNodeType());
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                || (additional != null && additional.isBoolean() && additional.asBoolean())
                || (properties.isMissingNode() && additional == null); // e.g. metadata: checked by the API server itself
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), at, errors);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, at, errors);
            } else if (!open) {
                errors.add(at + ": unknown field");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!node.has(required.asText())) {
                errors.add(path + ": " + required.asText() + " is required");
            }
        }
    }

    private static void combinations(JsonNode node, JsonNode schema, String path, List<String> errors) {
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(sub -> check(node, sub, path, errors));
        }
        if (schema.has("anyOf") && countValid(node, schema.get("anyOf"), path) == 0) {
            errors.add(path + ": matches none of anyOf " + schema.get("anyOf"));
        }
        if (schema.has("oneOf") && countValid(node, schema.get("oneOf"), path) != 1) {
            errors.add(path + ": must match exactly one of oneOf " + schema.get("oneOf"));
        }
    }

    private static long countValid(JsonNode node, JsonNode alternatives, String path) {
        long valid = 0;
        for (JsonNode sub : alternatives) {
            List<String> subErrors = new ArrayList<>();
            check(node, sub, path, subErrors);
            if (subErrors.isEmpty()) {
                valid++;
            }
        }
        return valid;
    }

    private static void bounds(JsonNode node, JsonNode schema, String path, List<String> errors) {
        if (schema.has("minimum") && node.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": " + node.asText() + " is below the minimum " + schema.get("minimum").asText());
        }
        if (schema.has("maximum") && node.asDouble() > schema.get("maximum").asDouble()) {
            errors.add(path + ": " + node.asText() + " is above the maximum " + schema.get("maximum").asText());
        }
    }

    private static boolean matches(JsonNode schema, JsonNode node) {
        return Pattern.compile(schema.get("pattern").asText()).matcher(node.asText()).find();
    }

    private static boolean contains(JsonNode values, JsonNode node) {
        for (JsonNode value : values) {
            if (value.equals(node) || (value.isTextual() && node.isTextual() && value.asText().equals(node.asText()))) {
                return true;
            }
        }
        return false;
    }
}
