package io.cloudpro.order.domain;

/** REQUESTED: waiting to be sent to the registrar; ON_HOLD: the account restricted processing (art. 18 GDPR). */
public enum RegistrationStatus {
    REQUESTED, REGISTERED, REFUSED, ON_HOLD
}
