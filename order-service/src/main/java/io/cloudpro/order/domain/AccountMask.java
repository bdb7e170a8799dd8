package io.cloudpro.order.domain;

/**
 * Masks a bank account before anything keeps it: the country and the last four characters stay,
 * grouped in fours as banks print them - {@code NL02ABNA0123456789} becomes
 * {@code NL** **** **** **67 89}. Enough for a customer to recognise their account, never enough to use it.
 */
public final class AccountMask {

    private AccountMask() {
    }

    public static String iban(String iban) {
        if (iban == null) {
            return null;
        }
        String compact = iban.replace(" ", "").toUpperCase();
        if (compact.length() < 8) {
            return "****";
        }
        StringBuilder masked = new StringBuilder(compact.substring(0, 2));
        masked.append("*".repeat(compact.length() - 6));
        masked.append(compact.substring(compact.length() - 4));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < masked.length(); i += 4) {
            grouped.append(grouped.isEmpty() ? "" : " ").append(masked, i, Math.min(i + 4, masked.length()));
        }
        return grouped.toString();
    }
}
