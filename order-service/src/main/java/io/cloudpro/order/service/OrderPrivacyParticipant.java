package io.cloudpro.order.service;

import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.DomainRegistration;
import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.Payment;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.domain.Quotation;
import io.cloudpro.order.domain.QuotationStatus;
import io.cloudpro.order.domain.RegistrationStatus;
import io.cloudpro.order.repository.DomainRegistrationRepository;
import io.cloudpro.order.repository.IdempotencyRepository;
import io.cloudpro.order.repository.InvoiceRepository;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.order.repository.PaymentRepository;
import io.cloudpro.order.repository.QuotationRepository;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.LegalHolds;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.privacy.PrivacyResult.Outcome;
import io.cloudpro.platform.privacy.PrivacyResult.Withheld;
import io.cloudpro.platform.privacy.Subject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * order-service's part of the privacy contract. Everything here belongs to accounts, so the subject's
 * account ids select it. Orders are business records tax law keeps for seven years after the end of
 * their fiscal year (AWR art. 52): an erasure withholds each of them - and the quotation it came
 * from, and each issued invoice and credit note - by number, with the date it may go; open
 * quotations and request keys are erased.
 */
@ApplicationScoped
public class OrderPrivacyParticipant implements PrivacyParticipant {

    static final String QUOTATIONS = "order.quotations";
    static final String ORDERS = "order.orders";
    static final String REQUEST_KEYS = "order.request-keys";
    static final String INVOICES = "order.invoices";
    static final String PAYMENTS = PaymentRecorder.PAYMENTS;
    static final String REGISTRATIONS = DomainRecorder.REGISTRATIONS;
    /** The fields of identity-service's name and address that a registrant contact carries. */
    private static final java.util.Set<String> CONTACT_FIELDS = java.util.Set.of("firstName", "lastName", "address.street",
            "address.postalCode", "address.city", "address.country", "company.name", "company.address.street",
            "company.address.postalCode", "company.address.city", "company.address.country");
    static final String FISCAL_LAW = "AWR art. 52";
    static final String FISCAL_EXCEPTION = "art. 17(3)(b) GDPR: a legal obligation to keep the records of a business";

    private final QuotationRepository quotations;
    private final OrderRepository orders;
    private final IdempotencyRepository requestKeys;
    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final DomainRegistrationRepository registrations;

    OrderPrivacyParticipant(QuotationRepository quotations, OrderRepository orders, IdempotencyRepository requestKeys,
                            InvoiceRepository invoices, PaymentRepository payments, DomainRegistrationRepository registrations) {
        this.payments = payments;
        this.registrations = registrations;
        this.quotations = quotations;
        this.orders = orders;
        this.requestKeys = requestKeys;
        this.invoices = invoices;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Export export(Subject subject) {
        List<Quotation> quoted = quotations.ofAccounts(subject.accountIds());
        List<CustomerOrder> ordered = orders.ofAccounts(subject.accountIds());
        Map<String, Object> data = new LinkedHashMap<>();
        List<CategoryOutcome> categories = new ArrayList<>();
        if (!quoted.isEmpty()) {
            data.put(QUOTATIONS, quoted.stream().map(QuotationExport::of).toList());
            categories.add(new CategoryOutcome(QUOTATIONS, Outcome.EXPORTED, quoted.size()));
        }
        if (!ordered.isEmpty()) {
            data.put(ORDERS, ordered.stream().map(OrderExport::of).toList());
            categories.add(new CategoryOutcome(ORDERS, Outcome.EXPORTED, ordered.size()));
        }
        List<Invoice> issued = invoices.ofAccounts(subject.accountIds());
        if (!issued.isEmpty()) {
            data.put(INVOICES, issued.stream().map(InvoiceExport::of).toList());
            categories.add(new CategoryOutcome(INVOICES, Outcome.EXPORTED, issued.size()));
        }
        List<Payment> paid = payments.ofAccounts(subject.accountIds());
        if (!paid.isEmpty()) {
            data.put(PAYMENTS, paid.stream().map(PaymentExport::of).toList());
            categories.add(new CategoryOutcome(PAYMENTS, Outcome.EXPORTED, paid.size()));
        }
        List<DomainRegistration> domains = registrations.ofAccounts(subject.accountIds());
        if (!domains.isEmpty()) {
            data.put(REGISTRATIONS, domains.stream().map(RegistrationExport::of).toList());
            categories.add(new CategoryOutcome(REGISTRATIONS, Outcome.EXPORTED, domains.size()));
        }
        return new Export(data, categories);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Erasure erase(Subject subject, LegalHolds holds, Instant now) {
        List<CategoryOutcome> categories = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        Optional<LegalHolds.Hold> quotationHold = holds.applying(subject, QUOTATIONS);
        long erased = 0;
        for (Quotation quotation : quotations.ofAccounts(subject.accountIds())) {
            if (quotation.status == QuotationStatus.ACCEPTED) {
                // the offer the order was placed on is part of that order's record
                withheld.add(new Withheld(QUOTATIONS, "quotation " + quotation.number, FISCAL_EXCEPTION, FISCAL_LAW,
                        fiscalRecordsMayGo(quotation.acceptedAt), null));
            } else if (quotationHold.isPresent()) {
                withheld.add(held(QUOTATIONS, "quotation " + quotation.number, quotationHold.get()));
            } else {
                quotations.delete(quotation);
                erased++;
            }
        }
        add(categories, QUOTATIONS, Outcome.ERASED, erased);
        List<CustomerOrder> kept = orders.ofAccounts(subject.accountIds());
        for (CustomerOrder order : kept) {
            Instant until = fiscalRecordsMayGo(order.placedAt);
            withheld.add(new Withheld(ORDERS, "order " + order.number, FISCAL_EXCEPTION, FISCAL_LAW, until, null));
        }
        add(categories, ORDERS, Outcome.WITHHELD, kept.size());
        // issued invoices and credit notes: kept whole, the buyer's name and address included (Wet OB art. 35a, AWR art. 52)
        List<Invoice> issued = invoices.ofAccounts(subject.accountIds());
        for (Invoice invoice : issued) {
            withheld.add(new Withheld(INVOICES, (invoice.isCreditNote() ? "credit note " : "invoice ") + invoice.number,
                    FISCAL_EXCEPTION, FISCAL_LAW, retainedUntil(invoice.fiscalYearEnd), null));
        }
        add(categories, INVOICES, Outcome.WITHHELD, issued.size());
        // a paid payment is part of the fiscal records (kept as its invoice is) but loses the masked account;
        // an attempt that never paid is no record of anything, and goes
        long anonymised = 0;
        long deleted = 0;
        for (Payment payment : payments.ofAccounts(subject.accountIds())) {
            if (payment.status == PaymentStatus.PAID) {
                withheld.add(new Withheld(PAYMENTS, "payment " + payment.provider.name().toLowerCase() + ":" + payment.providerReference
                        + " (amount, date, provider)", FISCAL_EXCEPTION, FISCAL_LAW, fiscalRecordsMayGo(payment.paidAt), null));
                if (payment.maskedAccount != null) {
                    payment.maskedAccount = null;
                    anonymised++;
                }
            } else if (payment.status.isFinal()) {
                payments.delete(payment);
                deleted++;
            }
        }
        add(categories, PAYMENTS, Outcome.ANONYMISED, anonymised);
        add(categories, PAYMENTS, Outcome.ERASED, deleted);
        add(categories, REQUEST_KEYS, Outcome.ERASED, requestKeys.deleteOf(subject.accountIds()));
        // the registrant contact at the registrar goes (art. 17(2)): the registrar is asked, on the schedule, to redact it
        List<Catalogue.Recipient> toInform = new ArrayList<>();
        long contacts = 0;
        for (DomainRegistration registration : registrations.ofAccounts(subject.accountIds())) {
            if (registration.contactErasedAt == null) {
                registration.contactEraseDue = true;
                registration.nextAttemptAt = now;
                contacts++;
                recipient(toInform, registration);
            }
        }
        add(categories, REGISTRATIONS, Outcome.ANONYMISED, contacts);
        return new Erasure(categories, withheld, toInform);
    }

    /** Seven years after the end of the fiscal year of {@code at}: the first day of the eighth year after it. */
    static Instant fiscalRecordsMayGo(Instant at) {
        int year = LocalDate.ofInstant(at, QuotationService.ZONE).getYear();
        return LocalDate.of(year + 8, 1, 1).atStartOfDay(QuotationService.ZONE).toInstant();
    }

    /**
     * Restriction (art. 18): while it lasts, nothing new goes to a registrar or the Whois. Payments the
     * customer starts themselves still go to the provider (art. 18(2): with the subject's consent).
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CategoryOutcome> restrict(Subject subject, boolean restricted) {
        long changed = 0;
        Instant now = io.cloudpro.platform.time.Timestamps.now();
        for (UUID accountId : subject.accountIds()) {
            if (restricted && orders.countOf(accountId) == 0 && quotations.ofAccounts(List.of(accountId)).isEmpty()) {
                continue; // nothing of this account is held here
            }
            if (registrations.restrict(accountId, restricted, now)) {
                changed++;
            }
            if (!restricted) {
                for (DomainRegistration registration : registrations.ofAccount(accountId)) {
                    if (registration.status == RegistrationStatus.ON_HOLD) {
                        registration.status = RegistrationStatus.REQUESTED;
                        registration.detail = null;
                        registration.nextAttemptAt = now;
                    }
                }
            }
        }
        return changed == 0 ? List.of() : List.of(new CategoryOutcome(REGISTRATIONS,
                restricted ? Outcome.RESTRICTED : Outcome.RESTRICTION_LIFTED, changed));
    }

    /**
     * Rectification (art. 16, 19): issued invoices are never changed (a credit note corrects them) and
     * future ones read the corrected details from identity-service; registrations whose registrant
     * contact carries a corrected field have the contact sent again, and their registries are named.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Rectification rectify(Subject subject, java.util.Map<String, String> corrections) {
        List<String> passedOn = corrections.keySet().stream().filter(CONTACT_FIELDS::contains).sorted().toList();
        if (passedOn.isEmpty()) {
            return Rectification.NOTHING;
        }
        List<Catalogue.Recipient> toInform = new ArrayList<>();
        long updated = 0;
        for (DomainRegistration registration : registrations.ofAccounts(subject.accountIds())) {
            if (registration.status == RegistrationStatus.REGISTERED && registration.contactErasedAt == null) {
                registration.contactUpdateDue = true;
                registration.nextAttemptAt = io.cloudpro.platform.time.Timestamps.now();
                updated++;
                recipient(toInform, registration);
            }
        }
        return updated == 0 ? Rectification.NOTHING
                : new Rectification(passedOn, toInform, List.of(new CategoryOutcome(REGISTRATIONS, Outcome.RECTIFIED, updated)));
    }

    private static void recipient(List<Catalogue.Recipient> recipients, DomainRegistration registration) {
        if (registration.registry == null) {
            return;
        }
        Catalogue.Recipient recipient = new Catalogue.Recipient(registration.registry,
                "registry of " + registration.domain + ", through the registrar");
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
        }
    }

    /** The first day an invoice may go: seven years after the end of its fiscal year. */
    static Instant retainedUntil(LocalDate fiscalYearEnd) {
        return fiscalYearEnd.plusYears(7).plusDays(1).atStartOfDay(QuotationService.ZONE).toInstant();
    }

    private static Withheld held(String category, String record, LegalHolds.Hold hold) {
        return new Withheld(category, record, "a legal hold", null, null, hold.reference());
    }

    private static void add(List<CategoryOutcome> categories, String category, Outcome outcome, long count) {
        if (count > 0) {
            categories.add(new CategoryOutcome(category, outcome, count));
        }
    }

    // --- purge (retention-service) -------------------------------------------------------------------

    @Override
    public java.util.Set<String> purgeable() {
        return java.util.Set.of(INVOICES, QUOTATIONS, ORDERS, PAYMENTS, REGISTRATIONS);
    }

    /**
     * All go by rolling rule, the cut-off applied to the date their period starts at: invoices and
     * credit notes whose fiscal year ended before it (retention-service sends now minus the 7 years
     * of AWR art. 52), and likewise payments, refused domain registrations and orders nothing refers
     * to any more; quotations that lapsed before it (now minus a year). The fiscal year is the
     * calendar year in Amsterdam: a record whose year ended before the cut-off is one from before
     * the first day of the cut-off's year.
     */
    @Override
    public long purge(Purge purge, int limit) {
        if (!purge.byCutoff()) {
            return 0; // no clock of one subject covers these categories
        }
        LocalDate before = LocalDate.ofInstant(purge.cutoff(), QuotationService.ZONE);
        Instant fiscalYearsBefore = before.withDayOfYear(1).atStartOfDay(QuotationService.ZONE).toInstant();
        return switch (purge.category()) {
            case INVOICES -> invoices.purgeBatch(before, purge.kept(), limit);
            case QUOTATIONS -> quotations.purgeLapsedBatch(before, purge.kept(), limit);
            case PAYMENTS -> payments.purgeBatch(fiscalYearsBefore, purge.kept(), limit);
            case REGISTRATIONS -> registrations.purgeRefusedBatch(fiscalYearsBefore, purge.kept(), limit);
            case ORDERS -> orders.purgeBatch(fiscalYearsBefore, purge.kept(), limit);
            default -> 0;
        };
    }

    // --- what an export holds ----------------------------------------------------------------------

    record LineExport(String description, int quantity, long unitPriceCents, String vatRate, long netCents) {
    }

    record QuotationExport(String number, String status, Instant createdAt, LocalDate validUntil, long netCents,
                           long vatCents, long grossCents, List<LineExport> lines) {
        static QuotationExport of(Quotation q) {
            return new QuotationExport(q.number, q.status == QuotationStatus.ACCEPTED ? "accepted" : "open", q.createdAt,
                    q.validUntil, q.netCents, q.vatCents, q.grossCents, q.lines.stream()
                    .map(l -> new LineExport(l.description, l.quantity, l.unitPriceCents, l.vatRate.name(), l.netCents)).toList());
        }
    }

    record InvoiceExport(String kind, String number, String correctsNumber, String reason, String orderNumber,
                         LocalDate issueDate, LocalDate supplyDate, String buyerName, String buyerCompany, String buyerAddress,
                         String buyerVatId, String buyerKvkNumber, boolean reverseCharge, long netCents, long vatCents,
                         long grossCents, List<LineExport> lines) {
        static InvoiceExport of(Invoice i) {
            return new InvoiceExport(i.isCreditNote() ? "credit note" : "invoice", i.number, i.correctsNumber, i.creditReason,
                    i.orderNumber, i.issueDate, i.supplyDate, i.buyerName, i.buyerCompany,
                    i.buyerStreet + ", " + i.buyerPostalCode + " " + i.buyerCity + ", " + i.buyerCountry, i.buyerVatId,
                    i.buyerKvkNumber, i.reverseCharge, i.netCents, i.vatCents, i.grossCents, i.lines.stream()
                    .map(l -> new LineExport(l.description, l.quantity, l.unitPriceCents, l.tax.name(), l.netCents)).toList());
        }
    }

    record PaymentExport(String provider, String reference, String method, String status, long amountCents,
                         String maskedAccount, Instant createdAt, Instant paidAt) {
        static PaymentExport of(Payment p) {
            return new PaymentExport(p.provider.legalName(), p.providerReference, p.method.name(), p.status.name(),
                    p.amountCents, p.maskedAccount, p.createdAt, p.paidAt);
        }
    }

    record RegistrationExport(String domain, String status, String registry, String registrantType, Boolean whoisPublished,
                              String whoisFields, Instant requestedAt, Instant registeredAt, Instant contactErasedAt) {
        static RegistrationExport of(DomainRegistration r) {
            return new RegistrationExport(r.domain, r.status.name(), r.registry,
                    r.registrantType == null ? null : r.registrantType.name(), r.whoisPublished, r.whoisFields, r.requestedAt,
                    r.registeredAt, r.contactErasedAt);
        }
    }

    record OrderExport(String number, Instant placedAt, long netCents, long vatCents, long grossCents,
                       List<LineExport> lines) {
        static OrderExport of(CustomerOrder o) {
            return new OrderExport(o.number, o.placedAt, o.netCents, o.vatCents, o.grossCents, o.lines.stream()
                    .map(l -> new LineExport(l.description, l.quantity, l.unitPriceCents, l.vatRate.name(), l.netCents)).toList());
        }
    }
}
