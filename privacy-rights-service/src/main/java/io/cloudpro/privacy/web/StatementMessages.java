package io.cloudpro.privacy.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The privacy statement page's own words, in English; {@link StatementMessagesDutch} has them in
 * Dutch. What the statement says about the data comes from the register, in the page's language.
 */
@MessageBundle("statement")
public interface StatementMessages {

    @Message("Privacy statement")
    String title();

    @Message("Version {version}, in force since {day}.")
    String inForce(String version, String day);

    @Message("Earlier versions:")
    String earlierVersions();

    @Message("This version was published in English only.")
    String englishOnly();

    @Message("Nederlands")
    String otherLanguage();

    @Message("{name}, {address} (KvK {kvk}) is responsible for the personal data described here. Questions:")
    String controller(String name, String address, String kvk);

    @Message("This statement is generated from what our systems declare they hold, so it says what they do.")
    String generated();

    @Message("What we keep, why, and for how long")
    String whatWeKeep();

    @Message("Data")
    String data();

    @Message("Why")
    String why();

    @Message("Legal basis")
    String legalBasis();

    @Message("Shared with")
    String sharedWith();

    @Message("How long")
    String howLong();

    @Message("From")
    String from();

    @Message("nobody")
    String nobody();

    @Message("Who receives personal data")
    String recipients();

    @Message("Your rights")
    String rights();

    @Message("Exercise them in our privacy portal, logged in or with your e-mail address: we confirm it with a code and"
            + " never ask for a copy of an identity document. We answer within one month.")
    String exercise();

    @Message("Go to the privacy portal")
    String portal();
}
