package io.cloudpro.order.documents;

import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceLine;
import io.cloudpro.order.domain.InvoiceVat;
import io.cloudpro.order.domain.TaxCategory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * An invoice or credit note as a Dutch PDF (PDFBox): the seller with KvK, BTW number and IBAN, the
 * buyer, the number and dates, the lines, the VAT per rate and the totals - and, where it applies,
 * "btw verlegd" with the customer's VAT number, or the invoice a credit note corrects and why.
 */
public final class PdfInvoiceWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final float MARGIN = 50;
    private static final float LINE = 14;

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Invoice invoice;
    private PDPageContentStream text;
    private PDDocument document;
    private float y;

    private PdfInvoiceWriter(Invoice invoice) {
        this.invoice = invoice;
    }

    public static byte[] write(Invoice invoice) {
        try {
            return new PdfInvoiceWriter(invoice).render();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF of " + invoice.number, e);
        }
    }

    private byte[] render() throws IOException {
        boolean credit = invoice.isCreditNote();
        try (PDDocument pdf = new PDDocument()) {
            document = pdf;
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle((credit ? "Creditnota " : "Factuur ") + invoice.number);
            info.setAuthor(invoice.sellerName);
            GregorianCalendar issued = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
            issued.setTimeInMillis(invoice.issuedAt.toEpochMilli());
            info.setCreationDate(issued);
            newPage();

            write(bold, 18, MARGIN, invoice.sellerName);
            y -= 8;
            write(regular, 9, MARGIN, invoice.sellerStreet + ", " + invoice.sellerPostalCode + " " + invoice.sellerCity
                    + ", " + invoice.sellerCountry);
            write(regular, 9, MARGIN, "KvK " + invoice.sellerKvkNumber + "   BTW " + invoice.sellerVatId
                    + "   IBAN " + invoice.sellerIban);
            y -= LINE;

            float top = y;
            write(bold, 10, MARGIN, "Aan");
            if (invoice.buyerCompany != null) {
                write(regular, 10, MARGIN, invoice.buyerCompany);
                write(regular, 10, MARGIN, "t.a.v. " + invoice.buyerName);
            } else {
                write(regular, 10, MARGIN, invoice.buyerName);
            }
            write(regular, 10, MARGIN, invoice.buyerStreet);
            write(regular, 10, MARGIN, invoice.buyerPostalCode + " " + invoice.buyerCity + " " + invoice.buyerCountry);
            if (invoice.buyerKvkNumber != null) {
                write(regular, 10, MARGIN, "KvK " + invoice.buyerKvkNumber);
            }
            if (invoice.buyerVatId != null) {
                write(regular, 10, MARGIN, "BTW " + invoice.buyerVatId);
            }
            float left = y;
            y = top;
            float right = 330;
            write(bold, 14, right, (credit ? "Creditnota " : "Factuur ") + invoice.number);
            write(regular, 10, right, (credit ? "Datum creditnota: " : "Factuurdatum: ") + DATE.format(invoice.issueDate));
            write(regular, 10, right, "Leveringsdatum: " + DATE.format(invoice.supplyDate));
            if (!credit) {
                write(regular, 10, right, "Vervaldatum: " + DATE.format(invoice.dueDate));
            }
            write(regular, 10, right, "Bestelling: " + invoice.orderNumber);
            if (credit) {
                write(regular, 10, right, "Corrigeert factuur: " + invoice.correctsNumber);
            }
            y = Math.min(y, left) - LINE;
            if (credit) {
                write(regular, 10, MARGIN, "Reden: " + invoice.creditReason);
                y -= 4;
            }

            float[] columns = {MARGIN, 320, 370, 450, 545};
            row(bold, columns, "Omschrijving", "Aantal", "Prijs", "Bedrag");
            for (InvoiceLine line : invoice.lines) {
                if (y < 120) {
                    newPage();
                }
                row(regular, columns, line.description + " (" + rateLabel(line.tax) + ")", Integer.toString(line.quantity),
                        Money.dutch(line.unitPriceCents), Money.dutch(signed(line.netCents)));
            }
            y -= LINE / 2;
            for (InvoiceVat rate : invoice.vat) {
                row(regular, columns, "", "", "Subtotaal " + rateLabel(rate.tax), Money.dutch(signed(rate.netCents)));
                row(regular, columns, "", "", "Btw " + rateLabel(rate.tax), Money.dutch(signed(rate.vatCents)));
            }
            row(bold, columns, "", "", "Totaal excl. btw", Money.dutch(signed(invoice.netCents)));
            row(bold, columns, "", "", "Btw", Money.dutch(signed(invoice.vatCents)));
            row(bold, columns, "", "", "Totaal", Money.dutch(signed(invoice.grossCents)));
            y -= LINE;
            if (invoice.reverseCharge) {
                write(bold, 10, MARGIN, "Btw verlegd (VAT reverse charge) - btw-nummer afnemer " + invoice.buyerVatId);
            }
            for (InvoiceVat rate : invoice.vat) {
                if (rate.tax == TaxCategory.EXEMPT) {
                    write(regular, 10, MARGIN, rate.tax.exemptionReason());
                }
            }
            if (!credit) {
                write(regular, 10, MARGIN, "Graag betaald voor " + DATE.format(invoice.dueDate) + " op " + invoice.sellerIban
                        + " onder vermelding van " + invoice.number + ".");
            }
            text.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** A credit note's amounts are shown negative: it takes back what the invoice charged. */
    private long signed(long cents) {
        return invoice.isCreditNote() ? -cents : cents;
    }

    private static String rateLabel(TaxCategory tax) {
        return switch (tax) {
            case EXEMPT -> "vrijgesteld";
            case REVERSE_CHARGE -> "verlegd";
            default -> tax.percent() + "%";
        };
    }

    private void newPage() throws IOException {
        if (text != null) {
            text.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        text = new PDPageContentStream(document, page);
        y = page.getMediaBox().getHeight() - MARGIN;
    }

    /** One table row: the description wrapped in its column, the figures right-aligned on its first line. */
    private void row(PDType1Font font, float[] columns, String description, String quantity, String price, String amount)
            throws IOException {
        List<String> lines = wrap(description, font, 10, columns[1] - columns[0] - 10);
        showRight(font, 10, columns[2], y, quantity);
        showRight(font, 10, columns[3] + 20, y, price);
        showRight(font, 10, columns[4], y, amount);
        for (String part : lines) {
            show(font, 10, columns[0], y, part);
            y -= LINE;
        }
    }

    private void write(PDType1Font font, float size, float x, String line) throws IOException {
        show(font, size, x, y, line);
        y -= size + 4;
    }

    private void show(PDType1Font font, float size, float x, float atY, String value) throws IOException {
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, atY);
        text.showText(printable(font, value));
        text.endText();
    }

    private void showRight(PDType1Font font, float size, float right, float atY, String value) throws IOException {
        String shown = printable(font, value);
        show(font, size, right - font.getStringWidth(shown) / 1000 * size, atY, shown);
    }

    private List<String> wrap(String value, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : printable(font, value).split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /**
     * The standard PDF fonts cover Western European text (WinAnsi); a character outside it is shown
     * without its accent where it has one (ő -> o), else as '?'. The UBL document carries the exact text.
     */
    private static String printable(PDType1Font font, String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            String ch = new String(Character.toChars(c));
            if (encodable(font, ch)) {
                out.append(ch);
            } else {
                String base = Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                out.append(!base.isEmpty() && encodable(font, base) ? base : "?");
            }
        });
        return out.toString();
    }

    private static boolean encodable(PDType1Font font, String ch) {
        try {
            font.encode(ch);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
