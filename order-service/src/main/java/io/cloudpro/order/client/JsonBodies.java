package io.cloudpro.order.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.function.Function;

/** The JSON bodies the provider adapters send and read; an unreadable answer becomes the adapter's own "try later". */
final class JsonBodies {

    private JsonBodies() {
    }

    static String write(ObjectMapper json, Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    static JsonNode read(ObjectMapper json, String body, Function<JsonProcessingException, RuntimeException> unreadable) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw unreadable.apply(e);
        }
    }
}
