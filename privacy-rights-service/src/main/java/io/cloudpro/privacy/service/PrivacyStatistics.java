package io.cloudpro.privacy.service;

import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.Deadlines;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.repository.RequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures behind the officer's charts: requests per month by type, and how fast they were answered. */
@ApplicationScoped
public class PrivacyStatistics {

    /** One month's requests, per type. */
    public record MonthOfRequests(String month, Map<RequestType, Long> byType, long total) {
    }

    /** One month's answers: how many, the median days from receipt, how many after their deadline. */
    public record MonthOfAnswers(String month, long answered, double medianDays, long late) {
    }

    private final RequestRepository requests;

    PrivacyStatistics(RequestRepository requests) {
        this.requests = requests;
    }

    /** The last {@code months} months (this one included), empty months too, oldest first. */
    @Transactional
    public List<MonthOfRequests> requestsPerMonth(int months) {
        LocalDate first = firstDay(months);
        Map<String, Map<RequestType, Long>> counts = new LinkedHashMap<>();
        for (int i = 0; i < months; i++) {
            counts.put(first.plusMonths(i).toString().substring(0, 7), new EnumMap<>(RequestType.class));
        }
        for (Object[] row : requests.receivedPerMonthAndType(first)) {
            counts.computeIfAbsent((String) row[0], m -> new EnumMap<>(RequestType.class))
                    .put(RequestType.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        List<MonthOfRequests> result = new ArrayList<>();
        counts.forEach((month, byType) -> result.add(new MonthOfRequests(month, byType,
                byType.values().stream().mapToLong(Long::longValue).sum())));
        return result;
    }

    /** The months of the last {@code months} in which requests were answered, oldest first. */
    @Transactional
    public List<MonthOfAnswers> answersPerMonth(int months) {
        List<MonthOfAnswers> result = new ArrayList<>();
        for (Object[] row : requests.answeredPerMonth(firstDay(months))) {
            result.add(new MonthOfAnswers((String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).doubleValue(),
                    ((Number) row[3]).longValue()));
        }
        return result;
    }

    private static LocalDate firstDay(int months) {
        return Deadlines.today(Timestamps.now()).withDayOfMonth(1).minusMonths(months - 1L);
    }
}
