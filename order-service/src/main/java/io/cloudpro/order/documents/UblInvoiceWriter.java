package io.cloudpro.order.documents;

import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceLine;
import io.cloudpro.order.domain.InvoiceVat;
import io.cloudpro.order.domain.TaxCategory;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * An invoice or credit note as a UBL 2.1 e-invoice following Peppol BIS Billing 3.0, with the Dutch
 * national rules (NLCIUS: the seller's KvK number as legal entity id, street, city and postcode, an
 * invoice reference on every credit note). Elements are written in the order the UBL schema
 * prescribes; the tests validate the result against the schema and the EN 16931 and Peppol rules.
 */
public final class UblInvoiceWriter {

    static final String CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    static final String PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    private static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static final String INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private static final String CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    /** Peppol electronic address schemes (EAS): the Dutch KvK number, and VAT numbers of countries that have one. */
    private static final String KVK_SCHEME = "0106";
    private static final Map<String, String> VAT_SCHEMES = Map.of("NL", "9944", "DE", "9930", "BE", "9925",
            "FR", "9957", "AT", "9914");
    /** SEPA credit transfer (UNCL4461). */
    private static final String SEPA_CREDIT_TRANSFER = "58";

    private final XMLStreamWriter xml;
    private final Invoice invoice;

    private UblInvoiceWriter(XMLStreamWriter xml, Invoice invoice) {
        this.xml = xml;
        this.invoice = invoice;
    }

    public static byte[] write(Invoice invoice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            new UblInvoiceWriter(xml, invoice).document();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the UBL document of " + invoice.number, e);
        }
        return out.toByteArray();
    }

    private void document() throws XMLStreamException {
        boolean credit = invoice.isCreditNote();
        String root = credit ? CREDIT_NOTE_NS : INVOICE_NS;
        xml.writeStartDocument("UTF-8", "1.0");
        xml.setDefaultNamespace(root);
        xml.setPrefix("cac", CAC);
        xml.setPrefix("cbc", CBC);
        xml.writeStartElement(root, credit ? "CreditNote" : "Invoice");
        xml.writeDefaultNamespace(root);
        xml.writeNamespace("cac", CAC);
        xml.writeNamespace("cbc", CBC);
        cbc("CustomizationID", CUSTOMIZATION);
        cbc("ProfileID", PROFILE);
        cbc("ID", invoice.number);
        cbc("IssueDate", invoice.issueDate.toString());
        if (!credit) {
            cbc("DueDate", invoice.dueDate.toString());
            cbc("InvoiceTypeCode", "380");
        } else {
            cbc("CreditNoteTypeCode", "381");
            cbc("Note", "Correctie van factuur " + invoice.correctsNumber + ": " + invoice.creditReason);
        }
        if (invoice.reverseCharge) {
            cbc("Note", "btw verlegd - VAT reverse charge (art. 196 Directive 2006/112/EC)");
        }
        cbc("DocumentCurrencyCode", "EUR");
        cbc("BuyerReference", invoice.orderNumber);
        xml.writeStartElement(CAC, "OrderReference");
        cbc("ID", invoice.orderNumber);
        xml.writeEndElement();
        if (credit) {
            xml.writeStartElement(CAC, "BillingReference");
            xml.writeStartElement(CAC, "InvoiceDocumentReference");
            cbc("ID", invoice.correctsNumber);
            xml.writeEndElement();
            xml.writeEndElement();
        }
        seller();
        buyer();
        xml.writeStartElement(CAC, "Delivery");
        cbc("ActualDeliveryDate", invoice.supplyDate.toString());
        xml.writeEndElement();
        if (!credit) {
            xml.writeStartElement(CAC, "PaymentMeans");
            cbc("PaymentMeansCode", SEPA_CREDIT_TRANSFER);
            cbc("PaymentID", invoice.number);
            xml.writeStartElement(CAC, "PayeeFinancialAccount");
            cbc("ID", invoice.sellerIban);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeStartElement(CAC, "PaymentTerms");
            cbc("Note", "Betaling binnen " + java.time.temporal.ChronoUnit.DAYS.between(invoice.issueDate, invoice.dueDate)
                    + " dagen onder vermelding van " + invoice.number);
            xml.writeEndElement();
        }
        taxTotal();
        xml.writeStartElement(CAC, "LegalMonetaryTotal");
        amount("LineExtensionAmount", invoice.netCents);
        amount("TaxExclusiveAmount", invoice.netCents);
        amount("TaxInclusiveAmount", invoice.grossCents);
        amount("PayableAmount", invoice.grossCents);
        xml.writeEndElement();
        for (int i = 0; i < invoice.lines.size(); i++) {
            line(i + 1, invoice.lines.get(i), credit);
        }
        xml.writeEndElement();
        xml.writeEndDocument();
    }

    private void seller() throws XMLStreamException {
        xml.writeStartElement(CAC, "AccountingSupplierParty");
        xml.writeStartElement(CAC, "Party");
        endpoint(KVK_SCHEME, invoice.sellerKvkNumber);
        partyName(invoice.sellerName);
        address(invoice.sellerStreet, invoice.sellerCity, invoice.sellerPostalCode, invoice.sellerCountry);
        taxScheme(invoice.sellerVatId);
        legalEntity(invoice.sellerName, invoice.sellerKvkNumber);
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void buyer() throws XMLStreamException {
        xml.writeStartElement(CAC, "AccountingCustomerParty");
        xml.writeStartElement(CAC, "Party");
        // Peppol delivers to an electronic address; a consumer has none, and gets the invoice by mail
        if (invoice.buyerKvkNumber != null && "NL".equals(invoice.buyerCountry)) {
            endpoint(KVK_SCHEME, invoice.buyerKvkNumber);
        } else if (invoice.buyerVatId != null && VAT_SCHEMES.containsKey(invoice.buyerVatId.substring(0, 2))) {
            endpoint(VAT_SCHEMES.get(invoice.buyerVatId.substring(0, 2)), invoice.buyerVatId);
        }
        partyName(invoice.addressee());
        address(invoice.buyerStreet, invoice.buyerCity, invoice.buyerPostalCode, invoice.buyerCountry);
        if (invoice.buyerVatId != null) {
            taxScheme(invoice.buyerVatId);
        }
        legalEntity(invoice.addressee(), "NL".equals(invoice.buyerCountry) ? invoice.buyerKvkNumber : null);
        if (invoice.buyerCompany != null) {
            xml.writeStartElement(CAC, "Contact");
            cbc("Name", invoice.buyerName);
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void endpoint(String scheme, String id) throws XMLStreamException {
        xml.writeStartElement(CBC, "EndpointID");
        xml.writeAttribute("schemeID", scheme);
        xml.writeCharacters(id);
        xml.writeEndElement();
    }

    private void partyName(String name) throws XMLStreamException {
        xml.writeStartElement(CAC, "PartyName");
        cbc("Name", name);
        xml.writeEndElement();
    }

    private void address(String street, String city, String postalCode, String country) throws XMLStreamException {
        xml.writeStartElement(CAC, "PostalAddress");
        cbc("StreetName", street);
        cbc("CityName", city);
        cbc("PostalZone", postalCode);
        xml.writeStartElement(CAC, "Country");
        cbc("IdentificationCode", country);
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void taxScheme(String vatId) throws XMLStreamException {
        xml.writeStartElement(CAC, "PartyTaxScheme");
        cbc("CompanyID", vatId);
        vatScheme();
        xml.writeEndElement();
    }

    private void legalEntity(String name, String kvkNumber) throws XMLStreamException {
        xml.writeStartElement(CAC, "PartyLegalEntity");
        cbc("RegistrationName", name);
        if (kvkNumber != null) {
            xml.writeStartElement(CBC, "CompanyID");
            xml.writeAttribute("schemeID", KVK_SCHEME);
            xml.writeCharacters(kvkNumber);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void taxTotal() throws XMLStreamException {
        xml.writeStartElement(CAC, "TaxTotal");
        amount("TaxAmount", invoice.vatCents);
        for (InvoiceVat rate : invoice.vat) {
            xml.writeStartElement(CAC, "TaxSubtotal");
            amount("TaxableAmount", rate.netCents);
            amount("TaxAmount", rate.vatCents);
            xml.writeStartElement(CAC, "TaxCategory");
            category(rate.tax);
            if (rate.tax == TaxCategory.REVERSE_CHARGE) {
                cbc("TaxExemptionReasonCode", "VATEX-EU-AE");
            }
            if (rate.tax.exemptionReason() != null) {
                cbc("TaxExemptionReason", rate.tax.exemptionReason());
            }
            vatScheme();
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void line(int position, InvoiceLine line, boolean credit) throws XMLStreamException {
        xml.writeStartElement(CAC, credit ? "CreditNoteLine" : "InvoiceLine");
        cbc("ID", Integer.toString(position));
        xml.writeStartElement(CBC, credit ? "CreditedQuantity" : "InvoicedQuantity");
        xml.writeAttribute("unitCode", "C62"); // "one": a unit of the product as sold
        xml.writeCharacters(Integer.toString(line.quantity));
        xml.writeEndElement();
        amount("LineExtensionAmount", line.netCents);
        xml.writeStartElement(CAC, "Item");
        cbc("Name", line.description);
        xml.writeStartElement(CAC, "ClassifiedTaxCategory");
        category(line.tax);
        vatScheme();
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement(CAC, "Price");
        amount("PriceAmount", line.unitPriceCents);
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void category(TaxCategory tax) throws XMLStreamException {
        cbc("ID", tax.code());
        cbc("Percent", Integer.toString(tax.percent()));
    }

    private void vatScheme() throws XMLStreamException {
        xml.writeStartElement(CAC, "TaxScheme");
        cbc("ID", "VAT");
        xml.writeEndElement();
    }

    private void amount(String element, long cents) throws XMLStreamException {
        xml.writeStartElement(CBC, element);
        xml.writeAttribute("currencyID", "EUR");
        xml.writeCharacters(Money.decimal(cents));
        xml.writeEndElement();
    }

    private void cbc(String element, String value) throws XMLStreamException {
        xml.writeStartElement(CBC, element);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
