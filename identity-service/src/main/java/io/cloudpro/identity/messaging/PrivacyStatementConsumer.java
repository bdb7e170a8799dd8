package io.cloudpro.identity.messaging;

import io.cloudpro.identity.service.NewsletterService;
import io.cloudpro.platform.events.EventInbox;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.platform.privacy.StatementPublished;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the version of the privacy statement in force, which every newsletter consent records. */
@ApplicationScoped
public class PrivacyStatementConsumer {

    private final EventInbox inbox;
    private final NewsletterService newsletter;
    private final ObjectMapper json;

    PrivacyStatementConsumer(EventInbox inbox, NewsletterService newsletter, ObjectMapper json) {
        this.inbox = inbox;
        this.newsletter = newsletter;
        this.json = json;
    }

    @Incoming("privacy-statements")
    @Blocking
    public void onStatement(ConsumerRecord<String, String> record) {
        inbox.process("identity-service.privacy-statements", record, event -> {
            if (PrivacyTopics.STATEMENT_PUBLISHED.equals(event.type())) {
                StatementPublished statement = event.dataAs(StatementPublished.class, json);
                newsletter.privacyStatementPublished(statement.version(), statement.publishedAt());
            }
        });
    }
}
