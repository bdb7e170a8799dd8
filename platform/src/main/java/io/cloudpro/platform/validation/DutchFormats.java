package io.cloudpro.platform.validation;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The formats of Dutch (and international) identifiers that accounts and invoices hold: postal
 * codes, BTW-ids with their check digits, KvK numbers, E.164 phone numbers, ISO country codes.
 */
public final class DutchFormats {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** 4 digits (not starting with 0), optional space, 2 letters; SA, SD and SS are not issued. */
    private static final Pattern NL_POSTAL_CODE = Pattern.compile("[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}");
    private static final Pattern VAT_ID = Pattern.compile("NL([0-9]{9})B([0-9]{2})");
    private static final Pattern KVK = Pattern.compile("[0-9]{8}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private DutchFormats() {
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** Dutch postal codes are checked strictly; other countries' loosely. */
    public static boolean isPostalCode(String country, String postalCode) {
        if (postalCode == null) {
            return false;
        }
        if ("NL".equals(country)) {
            return NL_POSTAL_CODE.matcher(postalCode).matches();
        }
        return postalCode.matches("[A-Za-z0-9][A-Za-z0-9 -]{1,14}");
    }

    /** "5042cr" and "5042 CR" both become "5042 CR". */
    public static String normalisePostalCode(String country, String postalCode) {
        String upper = postalCode.trim().toUpperCase(Locale.ROOT);
        if ("NL".equals(country) && upper.matches("[0-9]{4} ?[A-Z]{2}")) {
            return upper.substring(0, 4) + " " + upper.substring(upper.length() - 2);
        }
        return upper;
    }

    /**
     * A Dutch VAT identification number (btw-id): NL, 9 digits, B, 2 digits, passing either the
     * eleven-test of the older numbers or the mod-97 test of those issued since 2020.
     */
    public static boolean isVatId(String vatId) {
        if (vatId == null) {
            return false;
        }
        var m = VAT_ID.matcher(vatId);
        if (!m.matches()) {
            return false;
        }
        String digits = m.group(1);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * (9 - i);
        }
        boolean elevenTest = sum % 11 == digits.charAt(8) - '0';
        // letters as numbers: N=23, L=21, B=11
        boolean mod97 = new BigInteger("2321" + digits + "11" + m.group(2)).mod(BigInteger.valueOf(97)).intValue() == 1;
        return elevenTest || mod97;
    }

    /** A Chamber of Commerce (KvK) number: 8 digits. */
    public static boolean isKvkNumber(String number) {
        return number != null && KVK.matcher(number).matches();
    }

    /** One line of text without control characters (line breaks, tabs, escapes). */
    public static boolean isSingleLine(String text) {
        return text != null && text.codePoints().noneMatch(Character::isISOControl)
                && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0;
    }

    /** An international phone number in E.164 form, e.g. +31135000000. */
    public static boolean isE164(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }
}
