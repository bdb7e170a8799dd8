package io.cloudpro.privacy.domain;

/** Why a request is refused (GDPR art. 12(4), 12(5), 12(6), 16, 21(1)), in words the person understands. */
public enum RefusalReason {
    MANIFESTLY_UNFOUNDED("The request is manifestly unfounded (GDPR art. 12(5))."),
    EXCESSIVE("The request is excessive, in particular because it repeats earlier requests (GDPR art. 12(5))."),
    IDENTITY_NOT_VERIFIED("We could not verify that the request comes from the person the data is about (GDPR art. 12(6))."),
    DATA_ACCURATE("The data you asked us to correct is accurate and complete (GDPR art. 16)."),
    COMPELLING_GROUNDS("We have compelling legitimate grounds for the processing which override your interests,"
            + " rights and freedoms, or it is needed for legal claims (GDPR art. 21(1))."),
    LEGAL_OBLIGATION("A legal obligation requires us to keep processing this data (GDPR art. 17(3)(b)).");

    private final String text;

    RefusalReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
