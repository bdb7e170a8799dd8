package io.cloudpro.order.documents;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Euro cents written out: {@code 1234.56} in an e-invoice, {@code € 1.234,56} for a Dutch reader. */
final class Money {

    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

    private Money() {
    }

    static String decimal(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    static String dutch(long cents) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(DUTCH));
        return (cents < 0 ? "- " : "") + "€ " + format.format(BigDecimal.valueOf(Math.abs(cents), 2));
    }
}
