package io.cloudpro.platform.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** How many records of each category this service holds about a subject: counts, never the data. */
@ApplicationScoped
public class PrivacyHoldings {

    private final PrivacyParticipant participant;

    PrivacyHoldings(PrivacyParticipant participant) {
        this.participant = participant;
    }

    /** Called outside any transaction: it runs its own, and rolls it back - a read keeps nothing it touched. */
    public List<PrivacyParticipant.Holding> of(Subject subject) {
        QuarkusTransaction.begin();
        try {
            return participant.holdings(subject);
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
