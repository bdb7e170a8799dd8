package io.cloudpro.privacy.service;

import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.privacy.domain.Language;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention rules in words a person reads: "90 days from the login itself, then deleted", or in
 * Dutch "90 dagen vanaf de login zelf, daarna verwijderd".
 */
final class RetentionWords {

    private RetentionWords() {
    }

    static String of(Catalogue.Retention retention) {
        return retention == null ? null : of(retention, retention.startsAt(), Language.EN);
    }

    /** {@code startsAt}: what starts the clock, in the words of {@code language}. */
    static String of(Catalogue.Retention retention, String startsAt, Language language) {
        if (retention == null) {
            return null;
        }
        boolean dutch = language == Language.NL;
        boolean anonymised = retention.action() == Catalogue.RetentionAction.ANONYMISE;
        String end = dutch ? (anonymised ? "geanonimiseerd" : "verwijderd") : (anonymised ? "anonymised" : "deleted");
        String then = dutch ? ", daarna " : ", then ";
        String text = isZero(retention.period()) ? (dutch ? "tot " : "until ") + startsAt + then + end
                : period(retention.period(), language) + (dutch ? " vanaf " : " from ") + startsAt + then + end;
        if (retention.statutoryMinimum() != null) {
            text += (dutch ? " (de wet eist ten minste " : " (the law requires at least ")
                    + period(retention.statutoryMinimum(), language)
                    + (retention.law() == null ? "" : ": " + retention.law()) + ")";
        }
        return text;
    }

    private static boolean isZero(String iso) {
        try {
            return iso.contains("T") ? Duration.parse(iso).isZero() : Period.parse(iso).isZero();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** An ISO-8601 period or duration in words: P2Y -> 2 years, P90D -> 90 days, PT1H -> 1 hour. */
    static String period(String iso) {
        return period(iso, Language.EN);
    }

    static String period(String iso, Language language) {
        if (iso == null) {
            return "";
        }
        Unit[] units = language == Language.NL ? Unit.DUTCH : Unit.ENGLISH;
        try {
            List<String> parts = new ArrayList<>();
            if (iso.contains("T")) {
                Duration d = Duration.parse(iso);
                add(parts, d.toDaysPart(), units[2]);
                add(parts, d.toHoursPart(), units[3]);
                add(parts, d.toMinutesPart(), units[4]);
            } else {
                Period p = Period.parse(iso);
                add(parts, p.getYears(), units[0]);
                add(parts, p.getMonths(), units[1]);
                add(parts, p.getDays(), units[2]);
            }
            return parts.isEmpty() ? iso : String.join(" ", parts);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** A unit's singular and plural: years, months, days, hours, minutes. */
    private record Unit(String one, String many) {
        static final Unit[] ENGLISH = {new Unit("year", "years"), new Unit("month", "months"), new Unit("day", "days"),
                new Unit("hour", "hours"), new Unit("minute", "minutes")};
        // Dutch says "7 jaar" and "2 uur": no plural after a number for these two
        static final Unit[] DUTCH = {new Unit("jaar", "jaar"), new Unit("maand", "maanden"), new Unit("dag", "dagen"),
                new Unit("uur", "uur"), new Unit("minuut", "minuten")};
    }

    private static void add(List<String> parts, long amount, Unit unit) {
        if (amount > 0) {
            parts.add(amount + " " + (amount == 1 ? unit.one() : unit.many()));
        }
    }
}
