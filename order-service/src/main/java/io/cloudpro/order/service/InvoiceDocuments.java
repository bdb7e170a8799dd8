package io.cloudpro.order.service;

import io.cloudpro.order.documents.PdfInvoiceWriter;
import io.cloudpro.order.documents.UblInvoiceWriter;
import io.cloudpro.order.domain.DocumentFormat;
import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceDocument;
import io.cloudpro.order.repository.InvoiceDocumentRepository;
import io.cloudpro.order.repository.InvoiceRepository;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The PDF and UBL documents of issued invoices, written once and kept exactly as handed out, with
 * their SHA-256. They are rendered right after the invoice's transaction commits (rendering never
 * holds the number series' lock); should the service stop in between, the sweep renders them.
 */
@ApplicationScoped
public class InvoiceDocuments {

    private static final Logger LOG = Logger.getLogger(InvoiceDocuments.class);

    private final InvoiceRepository invoices;
    private final InvoiceDocumentRepository documents;

    InvoiceDocuments(InvoiceRepository invoices, InvoiceDocumentRepository documents) {
        this.invoices = invoices;
        this.documents = documents;
    }

    /** Renders and keeps the invoice's documents that are not kept yet. */
    @Transactional
    public void render(UUID invoiceId) {
        Invoice invoice = invoices.findById(invoiceId);
        for (DocumentFormat format : DocumentFormat.values()) {
            if (documents.of(invoiceId, format).isEmpty()) {
                byte[] content = format == DocumentFormat.PDF ? PdfInvoiceWriter.write(invoice) : UblInvoiceWriter.write(invoice);
                documents.keepFirst(invoiceId, format, content, sha256(content), Timestamps.now());
            }
        }
    }

    /** The document as kept, rendering it first if the sweep has not come by yet. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    InvoiceDocument kept(UUID invoiceId, DocumentFormat format) {
        return documents.of(invoiceId, format).orElseGet(() -> {
            render(invoiceId);
            documents.getEntityManager().clear();
            return documents.of(invoiceId, format).orElseThrow();
        });
    }

    @Scheduled(every = "${order.invoice.document-sweep:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (UUID invoiceId : missing()) {
            try {
                render(invoiceId);
            } catch (RuntimeException e) {
                LOG.errorf("documents of invoice %s could not be rendered: %s", invoiceId, e.toString());
            }
        }
    }

    @Transactional
    java.util.List<UUID> missing() {
        return invoices.withoutDocuments(100);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
