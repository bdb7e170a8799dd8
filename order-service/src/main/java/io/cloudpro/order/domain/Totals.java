package io.cloudpro.order.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Amounts of a set of lines: per VAT rate the net total and the VAT on it, rounded half up per rate
 * total (as the invoice shows them), and the sums.
 */
public record Totals(Map<VatRate, RateTotal> perRate, long netCents, long vatCents, long grossCents) {

    public record RateTotal(long netCents, long vatCents) {
    }

    public static Totals of(List<Line> lines) {
        Map<VatRate, Long> net = new EnumMap<>(VatRate.class);
        for (Line line : lines) {
            net.merge(line.vatRate, line.netCents, Math::addExact);
        }
        Map<VatRate, RateTotal> perRate = new EnumMap<>(VatRate.class);
        long netSum = 0;
        long vatSum = 0;
        for (Map.Entry<VatRate, Long> rate : net.entrySet()) {
            long vat = rate.getKey().vatOn(rate.getValue());
            perRate.put(rate.getKey(), new RateTotal(rate.getValue(), vat));
            netSum += rate.getValue();
            vatSum += vat;
        }
        return new Totals(perRate, netSum, vatSum, netSum + vatSum);
    }
}
