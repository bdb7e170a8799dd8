package io.cloudpro.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraTest {

    @TempDir
    static Path dir;
    static PostgresServer postgres;
    static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start(dir.resolve("pg"), 0, false, dir.resolve("pg.log"));
        kafka = KafkaBroker.start(dir.resolve("kafka"), 0, dir.resolve("kafka.log"));
    }

    @AfterAll
    static void stop() {
        kafka.close();
        postgres.close();
    }

    @Test
    void eachServiceGetsItsOwnDatabaseThatItsRoleOwns() throws SQLException {
        var access = postgres.ensureDatabase("orders", "order_service", "secret");
        postgres.ensureDatabase("orders", "order_service", "secret"); // a second run changes nothing

        try (Connection c = DriverManager.getConnection(access.jdbcUrl(), access.user(), access.password());
             var s = c.createStatement()) {
            s.execute("CREATE TABLE sample (id int primary key)");
            var rs = s.executeQuery("SELECT current_user, current_database(), current_setting('server_version_num')::int");
            rs.next();
            assertEquals("order_service", rs.getString(1));
            assertEquals("orders", rs.getString(2));
            assertTrue(rs.getInt(3) >= 170000, "PostgreSQL 17 or newer");
        }
        postgres.dropDatabase("orders");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(access.jdbcUrl(), access.user(), access.password()).close());
    }

    @Test
    void aKeptClusterStillHoldsItsDataAfterARestart() throws SQLException {
        Path data = dir.resolve("kept-pg");
        try (PostgresServer first = PostgresServer.start(data, 0, true, dir.resolve("kept.log"))) {
            var access = first.ensureDatabase("kept", "kept", "kept");
            try (Connection c = DriverManager.getConnection(access.jdbcUrl(), "kept", "kept"); var s = c.createStatement()) {
                s.execute("CREATE TABLE fact (text varchar(20)); INSERT INTO fact VALUES ('still here')");
            }
        }
        try (PostgresServer second = PostgresServer.start(data, 0, true, dir.resolve("kept.log"));
             Connection c = DriverManager.getConnection(second.jdbcUrl("kept"), "kept", "kept");
             var rs = c.createStatement().executeQuery("SELECT text FROM fact")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
    }

    @Test
    void messagesSurviveABrokerRestartOnTheSamePort() throws Exception {
        String topic = "restart-" + System.nanoTime();
        send(topic, "before");
        kafka.stop();
        assertFalse(kafka.isRunning());
        kafka.start();
        send(topic, "after");

        assertEquals(List.of("before", "after"), readAll(topic, 2));
    }

    private static void send(String topic, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "one-key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
