package io.cloudpro.order.service;

import io.cloudpro.order.repository.InvoiceRepository;
import io.cloudpro.platform.time.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that every invoice and credit-note series is whole: each number from 1 to the counter's
 * last one is on exactly one document. Construction should make a gap impossible; this proves it,
 * on a schedule and on request, and shouts (an ERROR log line and the
 * {@code order_invoice_series_gaps} gauge) if it ever is not so.
 */
@ApplicationScoped
public class InvoiceSeriesCheck {

    private static final Logger LOG = Logger.getLogger(InvoiceSeriesCheck.class);
    private static final int MISSING_LISTED = 100;

    private final InvoiceRepository invoices;
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    InvoiceSeriesCheck(InvoiceRepository invoices, MeterRegistry meters) {
        this.invoices = invoices;
        meters.gauge("order_invoice_series_gaps", gaps);
        meters.gauge("order_invoice_series_duplicates", duplicates);
    }

    /** One series: how far its counter got, how many documents carry its numbers, and what is missing or doubled. */
    public record SeriesReport(String series, long lastNumber, long issued, long gaps, long duplicates, List<Long> missing) {
    }

    public record Report(Instant checkedAt, long gaps, long duplicates, List<SeriesReport> series) {
    }

    @Transactional
    public Report check() {
        int thisYear = java.time.LocalDate.now(QuotationService.ZONE).getYear();
        List<SeriesReport> series = invoices.seriesStates(MISSING_LISTED).stream()
                // a series whose seven years (AWR art. 52) are over may have been purged whole
                .filter(s -> !(s.issued() == 0 && Integer.parseInt(s.series().replace("C", "")) + 8 <= thisYear))
                .map(s -> new SeriesReport(s.series(), s.lastNumber(), s.issued(), s.lastNumber() - s.distinct(),
                        s.issued() - s.distinct(), s.missing()))
                .toList();
        Report report = new Report(Timestamps.now(), series.stream().mapToLong(SeriesReport::gaps).sum(),
                series.stream().mapToLong(SeriesReport::duplicates).sum(), series);
        gaps.set(report.gaps());
        duplicates.set(report.duplicates());
        return report;
    }

    @Scheduled(every = "${order.invoice.series-check:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Report report = check();
        for (SeriesReport series : report.series()) {
            if (series.gaps() > 0 || series.duplicates() > 0) {
                LOG.errorf("invoice series %s is not whole: %d missing %s, %d duplicated", series.series(),
                        series.gaps(), series.missing(), series.duplicates());
            }
        }
    }
}
