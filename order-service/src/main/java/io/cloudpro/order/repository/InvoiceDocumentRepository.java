package io.cloudpro.order.repository;

import io.cloudpro.order.domain.DocumentFormat;
import io.cloudpro.order.domain.InvoiceDocument;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InvoiceDocumentRepository implements PanacheRepositoryBase<InvoiceDocument, InvoiceDocument.Key> {

    public Optional<InvoiceDocument> of(UUID invoiceId, DocumentFormat format) {
        return findByIdOptional(new InvoiceDocument.Key(invoiceId, format));
    }

    /** Keeps the document unless one was kept already (a concurrent renderer won): the first stays forever. */
    public void keepFirst(UUID invoiceId, DocumentFormat format, byte[] content, String sha256, Instant now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO invoice_document (invoice_id, format, content, sha256, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (invoice_id, format) DO NOTHING""")
                .setParameter(1, invoiceId)
                .setParameter(2, format.name())
                .setParameter(3, content)
                .setParameter(4, sha256)
                .setParameter(5, now)
                .executeUpdate();
    }
}
