package io.cloudpro.privacy.service;

import io.cloudpro.platform.privacy.Catalogue;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Retention rules in words a person reads: "90 days from the login itself, then deleted". */
final class RetentionWords {

    private RetentionWords() {
    }

    static String of(Catalogue.Retention retention) {
        if (retention == null) {
            return null;
        }
        String end = retention.action() == Catalogue.RetentionAction.ANONYMISE ? "anonymised" : "deleted";
        String text = isZero(retention.period()) ? "until " + retention.startsAt() + ", then " + end
                : period(retention.period()) + " from " + retention.startsAt() + ", then " + end;
        if (retention.statutoryMinimum() != null) {
            text += " (the law requires at least " + period(retention.statutoryMinimum())
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
        if (iso == null) {
            return "";
        }
        try {
            if (iso.contains("T")) {
                Duration d = Duration.parse(iso);
                List<String> parts = new ArrayList<>();
                add(parts, d.toDaysPart(), "day");
                add(parts, d.toHoursPart(), "hour");
                add(parts, d.toMinutesPart(), "minute");
                return parts.isEmpty() ? iso : String.join(" ", parts);
            }
            Period p = Period.parse(iso);
            List<String> parts = new ArrayList<>();
            add(parts, p.getYears(), "year");
            add(parts, p.getMonths(), "month");
            add(parts, p.getDays(), "day");
            return parts.isEmpty() ? iso : String.join(" ", parts);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
