package io.cloudpro.order.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An issued invoice or credit note, with every field Wet OB 1968 art. 35a asks for copied onto it at
 * issuing: the seller's and the buyer's name, address and numbers as they were then, the lines, and
 * the VAT per rate. Never changed after it is written (the database refuses it as well).
 */
@Entity
@Immutable
@Table(name = "invoice")
public class Invoice {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvoiceKind kind;

    @Column(nullable = false)
    public String series;

    @Column(nullable = false)
    public long sequence;

    @Column(nullable = false, unique = true)
    public String number;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(name = "corrects_invoice_id")
    public UUID correctsInvoiceId;

    @Column(name = "corrects_number")
    public String correctsNumber;

    @Column(name = "credit_reason")
    public String creditReason;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    @Column(name = "supply_date", nullable = false)
    public LocalDate supplyDate;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    /** The last day of the invoice's fiscal year: its 7-year retention (AWR art. 52) counts from the day after. */
    @Column(name = "fiscal_year_end", nullable = false)
    public LocalDate fiscalYearEnd;

    @Column(name = "seller_name", nullable = false)
    public String sellerName;
    @Column(name = "seller_street", nullable = false)
    public String sellerStreet;
    @Column(name = "seller_postal_code", nullable = false)
    public String sellerPostalCode;
    @Column(name = "seller_city", nullable = false)
    public String sellerCity;
    @Column(name = "seller_country", nullable = false)
    public String sellerCountry;
    @Column(name = "seller_vat_id", nullable = false)
    public String sellerVatId;
    @Column(name = "seller_kvk_number", nullable = false)
    public String sellerKvkNumber;
    @Column(name = "seller_iban", nullable = false)
    public String sellerIban;

    @Column(name = "buyer_name", nullable = false)
    public String buyerName;
    @Column(name = "buyer_street", nullable = false)
    public String buyerStreet;
    @Column(name = "buyer_postal_code", nullable = false)
    public String buyerPostalCode;
    @Column(name = "buyer_city", nullable = false)
    public String buyerCity;
    @Column(name = "buyer_country", nullable = false)
    public String buyerCountry;
    /** For a business customer: its name; the invoice is addressed to it. */
    @Column(name = "buyer_company")
    public String buyerCompany;
    @Column(name = "buyer_vat_id")
    public String buyerVatId;
    @Column(name = "buyer_kvk_number")
    public String buyerKvkNumber;

    @Column(name = "reverse_charge", nullable = false)
    public boolean reverseCharge;

    /** VIES' consultation number for the check of the buyer's VAT id, when reverse charge applies. */
    @Column(name = "vat_check_reference")
    public String vatCheckReference;

    @Column(name = "net_cents", nullable = false)
    public long netCents;

    @Column(name = "vat_cents", nullable = false)
    public long vatCents;

    @Column(name = "gross_cents", nullable = false)
    public long grossCents;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "invoice_line", joinColumns = @JoinColumn(name = "invoice_id"))
    @OrderColumn(name = "position")
    public List<InvoiceLine> lines = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "invoice_vat", joinColumns = @JoinColumn(name = "invoice_id"))
    public List<InvoiceVat> vat = new ArrayList<>();

    public boolean isCreditNote() {
        return kind == InvoiceKind.CREDIT_NOTE;
    }

    /** The buyer as the invoice addresses them: the company if there is one, else the person. */
    public String addressee() {
        return buyerCompany != null ? buyerCompany : buyerName;
    }
}
