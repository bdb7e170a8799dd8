package io.cloudpro.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The company's own details, for mails, notices and invoices. Defaults are those of the privacy
 * statement; set {@code cloudpro.company.*} (e.g. {@code CLOUDPRO_COMPANY_EMAIL}) to change them.
 */
@ConfigMapping(prefix = "cloudpro.company")
public interface CompanyDetails {

    @WithDefault("cloudpro.io")
    String name();

    @WithDefault("Minister van Sonstraat 20")
    String street();

    @WithDefault("5042 CR")
    String postalCode();

    @WithDefault("Tilburg")
    String city();

    @WithDefault("support@cloudpro.io")
    String email();

    @WithDefault("https://support.cloudpro.io")
    String ticketSystem();

    @WithDefault("27347391")
    String kvkNumber();

    @WithDefault("NL181702587B02")
    String vatId();

    /** ISO 3166 code of the country the company is established in. */
    @WithDefault("NL")
    String country();

    /** The account customers pay invoices into (SEPA credit transfer), as the invoice states it. */
    @WithDefault("NL91ABNA0417164300")
    String iban();

    /** One line: name, address, KvK and BTW number. */
    default String oneLine() {
        return name() + ", " + street() + ", " + postalCode() + " " + city() + " - KvK " + kvkNumber()
                + " - BTW " + vatId();
    }
}
