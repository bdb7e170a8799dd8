package io.cloudpro.order.repository;

import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

    /** The account's invoice or credit note, or empty - also when it is another account's. */
    public Optional<Invoice> ofAccount(UUID id, UUID accountId) {
        return find("id = ?1 AND accountId = ?2", id, accountId).firstResultOptional();
    }

    public Optional<Invoice> invoiceOfOrder(UUID orderId) {
        return find("orderId = ?1 AND kind = ?2", orderId, InvoiceKind.INVOICE).firstResultOptional();
    }

    public List<Invoice> creditNotesOf(UUID invoiceId) {
        return list("correctsInvoiceId", Sort.by("sequence"), invoiceId);
    }

    public List<Invoice> page(UUID accountId, int page, int size) {
        return find("accountId", Sort.descending("issuedAt").and("number", Sort.Direction.Descending), accountId)
                .page(page, size).list();
    }

    public long countOf(UUID accountId) {
        return count("accountId", accountId);
    }

    public List<Invoice> ofAccounts(Collection<UUID> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId IN ?1", Sort.by("issuedAt"), accountIds);
    }

    /** Invoices whose documents were not (all) written yet, e.g. after a crash right after issuing. */
    public List<UUID> withoutDocuments(int limit) {
        return getEntityManager().createQuery("""
                        SELECT i.id FROM Invoice i
                        WHERE (SELECT count(d) FROM InvoiceDocument d WHERE d.invoiceId = i.id) < 2
                        ORDER BY i.issuedAt""", UUID.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Per series: the counter's last number, how many documents carry a number of it, how many distinct, and the missing ones. */
    public record SeriesState(String series, long lastNumber, long issued, long distinct, List<Long> missing) {
    }

    /** Every invoice and credit note series ({@code 2026}, {@code C2026}) compared with its counter. */
    @SuppressWarnings("unchecked")
    public List<SeriesState> seriesStates(int maxMissingListed) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT s.series, s.last_number, count(i.id), count(DISTINCT i.sequence),
                               coalesce((SELECT array_agg(n ORDER BY n) FROM (
                                   SELECT n FROM generate_series(1, s.last_number) n
                                   WHERE NOT EXISTS (SELECT 1 FROM invoice g WHERE g.series = s.series AND g.sequence = n)
                                   ORDER BY n LIMIT ?1) missing), '{}')
                        FROM number_series s LEFT JOIN invoice i ON i.series = s.series
                        WHERE s.series ~ '^C?[0-9]{4}$'
                        GROUP BY s.series, s.last_number
                        ORDER BY s.series""")
                .setParameter(1, maxMissingListed)
                .getResultList();
        return rows.stream().map(r -> new SeriesState((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), java.util.Arrays.stream((Long[]) r[4]).toList())).toList();
    }

    /**
     * Deletes at most {@code limit} invoices and credit notes whose fiscal year ended before
     * {@code yearEndBefore}, with their lines, VAT rows and documents, leaving those of the accounts
     * in {@code kept} (legal holds) and invoices a remaining credit note still refers to (they go in a
     * later purge, after it). The database's own trigger refuses any of them within its 7 years.
     */
    public long purgeBatch(LocalDate yearEndBefore, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        WITH doomed AS (
                            SELECT i.id FROM invoice i
                             WHERE i.fiscal_year_end < ?1 AND NOT (i.account_id = ANY(?2))
                               AND NOT EXISTS (SELECT 1 FROM invoice c WHERE c.corrects_invoice_id = i.id)
                             ORDER BY i.fiscal_year_end LIMIT ?3),
                        documents AS (DELETE FROM invoice_document WHERE invoice_id IN (SELECT id FROM doomed)),
                        vat AS (DELETE FROM invoice_vat WHERE invoice_id IN (SELECT id FROM doomed)),
                        lines AS (DELETE FROM invoice_line WHERE invoice_id IN (SELECT id FROM doomed))
                        DELETE FROM invoice WHERE id IN (SELECT id FROM doomed)""")
                .setParameter(1, yearEndBefore)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
