package io.cloudpro.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the broker answers, checked in the background every few seconds. It is a metric
 * ({@code cloudpro_kafka_reachable}) and part of the outbox view, not a readiness check: while Kafka
 * is away a service keeps taking requests and its outbox keeps the events, so taking the pod out of
 * service would only turn a Kafka outage into a full one.
 */
@ApplicationScoped
public class KafkaReachability {

    private final Map<String, Object> kafkaConfig;
    private volatile Boolean reachable;
    private volatile Instant checkedAt;
    private Admin admin;

    @Inject
    KafkaReachability(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.kafkaConfig = kafkaConfig;
        Gauge.builder("cloudpro.kafka.reachable", this, k -> Boolean.TRUE.equals(k.reachable) ? 1 : 0)
                .description("1 when the Kafka broker answered the last check").register(meters);
    }

    /** True or false after the first check; null before it. */
    public Boolean reachable() {
        return reachable;
    }

    public Instant checkedAt() {
        return checkedAt;
    }

    @Scheduled(every = "${cloudpro.events.broker-check-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        boolean answered;
        try {
            admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000)).clusterId().get(4, TimeUnit.SECONDS);
            answered = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            answered = false;
        }
        reachable = answered;
        checkedAt = Instant.now();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    settings.put(key, value);
                }
            });
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "broker-check");
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }
}
