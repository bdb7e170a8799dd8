package io.cloudpro.privacy.domain;

import java.util.Locale;

/** The languages the privacy statement is published in: English, and Dutch for a Dutch company's customers. */
public enum Language {
    EN, NL;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag());
    }

    /**
     * The language asked for: {@code lang} when it names one ({@code nl}, {@code en}), else the first
     * of the browser's Accept-Language that we have, else English.
     */
    public static Language chosen(String lang, String acceptLanguage) {
        Language asked = named(lang);
        if (asked != null) {
            return asked;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Language preferred = named(range.getRange().split("-")[0]);
                    if (preferred != null && range.getWeight() > 0) {
                        return preferred;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return EN;
            }
        }
        return EN;
    }

    private static Language named(String tag) {
        if (tag == null) {
            return null;
        }
        for (Language language : values()) {
            if (language.tag().equalsIgnoreCase(tag.strip())) {
                return language;
            }
        }
        return null;
    }
}
