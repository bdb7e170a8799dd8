package io.cloudpro.order.service;

/**
 * The EU's check of a VAT identification number (VIES). Reverse charge ("btw verlegd") may only be
 * applied to a customer whose number it confirmed; the consultation number is the proof kept on
 * the invoice.
 */
public interface VatNumberCheck {

    /** {@code consultation} is VIES' reference for this check, when it gave one. */
    record Result(boolean valid, String consultation) {
    }

    /** Thrown when the check cannot be made now (VIES or the member state's database is down). */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code country} is the two-letter prefix of the number (EL for Greece), {@code number} the rest. */
    Result check(String country, String number);
}
