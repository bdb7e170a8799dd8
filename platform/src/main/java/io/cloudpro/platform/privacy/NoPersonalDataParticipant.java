package io.cloudpro.platform.privacy;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** A service that declares no participant of its own answers every command with "nothing held here". */
@ApplicationScoped
public class NoPersonalDataParticipant {

    @Produces
    @DefaultBean
    @ApplicationScoped
    PrivacyParticipant nothingHeld() {
        return new PrivacyParticipant() {
        };
    }
}
