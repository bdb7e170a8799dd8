package io.cloudpro.privacy.domain;

/** Where a request stands. */
public enum RequestStatus {
    /** Filed and verified; whom it is about is being looked up. */
    RECEIVED,
    /** Waits for the privacy officer: a rectification, or an objection to other than direct marketing. */
    AWAITING_DECISION,
    /** The participants have the command; waiting for every one of them to answer. */
    IN_PROGRESS,
    COMPLETED,
    /** Refused (art. 12(4)) with a reason and the right to complain to the AP or go to court. */
    REFUSED;

    public boolean isOpen() {
        return this != COMPLETED && this != REFUSED;
    }
}
