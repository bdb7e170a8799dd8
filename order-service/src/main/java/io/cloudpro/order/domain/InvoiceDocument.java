package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An invoice as a document, exactly the bytes handed out, with their SHA-256 (hex). Written once. */
@Entity
@Immutable
@IdClass(InvoiceDocument.Key.class)
@Table(name = "invoice_document")
public class InvoiceDocument {

    /** The primary key: one document per invoice and format. */
    public static class Key implements Serializable {
        public UUID invoiceId;
        public DocumentFormat format;

        public Key() {
        }

        public Key(UUID invoiceId, DocumentFormat format) {
            this.invoiceId = invoiceId;
            this.format = format;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(invoiceId, key.invoiceId) && format == key.format;
        }

        @Override
        public int hashCode() {
            return Objects.hash(invoiceId, format);
        }
    }

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    @Enumerated(EnumType.STRING)
    public DocumentFormat format;

    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
