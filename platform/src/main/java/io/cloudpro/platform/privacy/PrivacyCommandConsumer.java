package io.cloudpro.platform.privacy;

import io.cloudpro.platform.events.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every service takes the privacy commands from {@value PrivacyTopics#COMMANDS}, idempotently. */
@ApplicationScoped
public class PrivacyCommandConsumer {

    private final EventInbox inbox;
    private final PrivacyCommandHandler handler;
    private final String consumer;

    PrivacyCommandConsumer(EventInbox inbox, PrivacyCommandHandler handler,
                           @ConfigProperty(name = "quarkus.application.name") String application) {
        this.inbox = inbox;
        this.handler = handler;
        this.consumer = application + ".privacy-commands";
    }

    @Incoming("privacy-commands")
    @Blocking
    public void onCommand(ConsumerRecord<String, String> record) {
        inbox.process(consumer, record, handler::handle);
    }
}
