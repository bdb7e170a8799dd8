package io.cloudpro.platform.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Publishes outbox events as CloudEvents in binary mode. The producer takes every {@code kafka.*}
 * setting of the service (bootstrap servers, TLS, SASL), then pins what the outbox relies on:
 * acknowledgement by all replicas and idempotence, so a retried send is not written twice.
 */
@ApplicationScoped
public class KafkaEventSender implements EventSender {

    private final Map<String, Object> kafkaConfig;
    private final EventsConfig config;
    private KafkaProducer<String, byte[]> producer;

    @Inject
    KafkaEventSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventsConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    @Override
    public Future<?> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, event.eventId.toString());
        header(headers, CloudEventHeaders.SOURCE, event.source);
        header(headers, CloudEventHeaders.TYPE, event.type);
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt));
        if (event.subject != null) {
            header(headers, CloudEventHeaders.SUBJECT, event.subject);
        }
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic, null, event.key,
                event.payload.getBytes(StandardCharsets.UTF_8), headers);
        return producer().send(record);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafkaConfig);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
            long timeout = config.relay().sendTimeout().toMillis();
            // A send must give up within the relay's own wait, so a dead broker cannot stall it.
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 2);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout / 2));
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
