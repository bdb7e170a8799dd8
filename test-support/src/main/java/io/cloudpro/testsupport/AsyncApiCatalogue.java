package io.cloudpro.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's AsyncAPI document, for the event catalogue tests: the message names it documents,
 * and each message's payload and headers checked as JSON Schemas. A message's schema is the whole
 * document with a root {@code $ref} to the message's part, so that {@code #/components/schemas/...}
 * references inside resolve as they do for AsyncAPI tools.
 */
public record AsyncApiCatalogue(JsonNode document, Map<String, String> types) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the document; {@code types} maps each message name (the {@code ce_type}) to its component key. */
    public static AsyncApiCatalogue read(Path file) {
        try {
            JsonNode document = new YAMLMapper().readTree(file.toFile());
            Map<String, String> types = new TreeMap<>();
            document.path("components").path("messages").properties()
                    .forEach(message -> types.put(message.getValue().path("name").asText(), message.getKey()));
            return new AsyncApiCatalogue(document, types);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Set<ValidationMessage> payloadErrors(String type, String payload) {
        return schema(type, "payload").validate(json(payload));
    }

    public Set<ValidationMessage> headerErrors(String type, JsonNode headers) {
        return schema(type, "headers").validate(headers);
    }

    /**
     * Asserts that every record is a documented event whose payload and headers match their schemas
     * and whose {@code ce_subject} is its key; returns the event types seen.
     */
    public Set<String> check(List<ConsumerRecord<String, String>> records) {
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            String type = KafkaTopics.header(record, "ce_type");
            seen.add(type);
            assertTrue(types.containsKey(type), "undocumented event type " + type);
            Set<ValidationMessage> payloadErrors = payloadErrors(type, record.value());
            assertTrue(payloadErrors.isEmpty(), type + ": " + payloadErrors + " in " + record.value());
            Set<ValidationMessage> headerErrors = headerErrors(type, KafkaTopics.headersAsJson(record));
            assertTrue(headerErrors.isEmpty(), type + " headers: " + headerErrors);
            assertEquals(record.key(), KafkaTopics.header(record, "ce_subject"));
        }
        return seen;
    }

    /** The event type constants ({@code io.cloudpro....} strings) a class declares. */
    public static Set<String> eventTypes(Class<?> type) {
        Set<String> values = new HashSet<>();
        for (Field field : type.getFields()) {
            try {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                        && ((String) field.get(null)).startsWith("io.cloudpro.")) {
                    values.add((String) field.get(null));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    private JsonSchema schema(String type, String part) {
        ObjectNode root = document.deepCopy();
        root.put("$ref", "#/components/messages/" + types.get(type) + "/" + part);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root, config);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
