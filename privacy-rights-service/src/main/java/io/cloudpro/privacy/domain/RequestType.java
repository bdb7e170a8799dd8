package io.cloudpro.privacy.domain;

import io.cloudpro.platform.privacy.PrivacyCommand;

/** The rights a person can exercise (GDPR art. 15-21), and what each one asks of the participants. */
public enum RequestType {
    /** Art. 15: a copy of everything, with the information sheet. */
    ACCESS("access to your data", PrivacyCommand.Kind.EXPORT),
    /** Art. 20: what the person provided or generated under consent or contract, as JSON with a schema. */
    PORTABILITY("a copy of your data to take elsewhere", PrivacyCommand.Kind.EXPORT),
    /** Art. 16: the privacy officer decides the corrections. */
    RECTIFICATION("correction of your data", PrivacyCommand.Kind.RECTIFY),
    /** Art. 17: erased per record, or withheld with the law and the date it goes. */
    ERASURE("erasure of your data", PrivacyCommand.Kind.ERASE),
    /** Art. 18: kept but not processed beyond storage, in every service. */
    RESTRICTION("restriction of processing", PrivacyCommand.Kind.RESTRICT),
    /** Art. 21: direct marketing stops at once; other processing by the officer's decision. */
    OBJECTION("objection to processing", PrivacyCommand.Kind.OBJECT);

    private final String description;
    private final PrivacyCommand.Kind command;

    RequestType(String description, PrivacyCommand.Kind command) {
        this.description = description;
        this.command = command;
    }

    /** In words, for mails: "erasure of your data". */
    public String description() {
        return description;
    }

    /** The command the participants get. */
    public PrivacyCommand.Kind command() {
        return command;
    }

    /** Access and portability end in a package to download. */
    public boolean producesPackage() {
        return this == ACCESS || this == PORTABILITY;
    }
}
