package io.cloudpro.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A CloudEvent read from a Kafka record in binary mode. Reading fails with a
 * {@link PoisonEventException} when the record is not a valid CloudEvent with JSON data: such a
 * record will never become valid, so it goes straight to the dead-letter topic.
 */
public record IncomingEvent(String id, String type, String source, String subject, Instant time,
                            String key, JsonNode data) {

    public static IncomingEvent from(ConsumerRecord<String, String> record, ObjectMapper json) {
        String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new PoisonEventException("not a CloudEvents 1.0 record (ce_specversion is " + specVersion + ")");
        }
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        String time = header(record, CloudEventHeaders.TIME);
        if (record.value() == null) {
            throw new PoisonEventException("event " + id + " has no data");
        }
        try {
            return new IncomingEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT),
                    time == null ? null : Instant.parse(time), record.key(), json.readTree(record.value()));
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("event " + id + " has an invalid ce_time");
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("event " + id + " does not carry valid JSON data");
        }
    }

    /** The data as a Java object, e.g. a record that mirrors the event's JSON Schema. */
    public <T> T dataAs(Class<T> type, ObjectMapper json) {
        try {
            return json.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("event " + id + " does not match " + type.getSimpleName());
        }
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("record has no " + name + " header");
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
