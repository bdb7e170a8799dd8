package io.cloudpro.privacy.web;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The privacy statement page's own words in Dutch. */
@Localized("nl")
public interface StatementMessagesDutch extends StatementMessages {

    @Override
    @Message("Privacyverklaring")
    String title();

    @Override
    @Message("Versie {version}, van kracht sinds {day}.")
    String inForce(String version, String day);

    @Override
    @Message("Eerdere versies:")
    String earlierVersions();

    @Override
    @Message("Deze versie is alleen in het Engels gepubliceerd.")
    String englishOnly();

    @Override
    @Message("English")
    String otherLanguage();

    @Override
    @Message("{name}, {address} (KvK {kvk}) is verantwoordelijk voor de persoonsgegevens die hier worden beschreven."
            + " Vragen:")
    String controller(String name, String address, String kvk);

    @Override
    @Message("Deze verklaring wordt automatisch samengesteld uit wat onze systemen zelf opgeven te bewaren, en klopt dus"
            + " met wat ze werkelijk doen.")
    String generated();

    @Override
    @Message("Wat wij bewaren, waarom en hoe lang")
    String whatWeKeep();

    @Override
    @Message("Gegevens")
    String data();

    @Override
    @Message("Waarom")
    String why();

    @Override
    @Message("Grondslag")
    String legalBasis();

    @Override
    @Message("Gedeeld met")
    String sharedWith();

    @Override
    @Message("Hoe lang")
    String howLong();

    @Override
    @Message("Afkomstig van")
    String from();

    @Override
    @Message("niemand")
    String nobody();

    @Override
    @Message("Ontvangers van uw persoonsgegevens")
    String recipients();

    @Override
    @Message("Uw rechten")
    String rights();

    @Override
    @Message("U kunt deze rechten uitoefenen in ons privacyportaal, ingelogd of met uw e-mailadres; dat adres bevestigt u"
            + " met een code die wij u mailen. Wij vragen nooit om een kopie van een identiteitsbewijs en antwoorden binnen"
            + " een maand.")
    String exercise();

    @Override
    @Message("Naar het privacyportaal")
    String portal();
}
