package io.cloudpro.order;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a UBL e-invoice offline, as a receiving accounting package or a Peppol access point
 * would: against the UBL 2.1 schema (OASIS, from ph-ubl21), the EN 16931 business rules (CEN's
 * Schematron, compiled to XSLT, from phive-rules-en16931) and Peppol BIS Billing 3.0 with the Dutch
 * national rules NL-R-001..009 (OpenPeppol's Schematron, from phive-rules-peppol), run by Saxon.
 * Only {@code fatal} and {@code error} findings count; warnings are returned apart.
 */
final class EInvoiceValidator {

    private static final String UBL_SCHEMAS = "external/schemas/ubl21/maindoc/";
    private static final String EN16931 = "external/schematron/1.3.12/ubl/EN16931-UBL-validation.xslt";
    private static final String PEPPOL = "external/schematron/openpeppol/2024.5/xslt/PEPPOL-EN16931-UBL.xslt";
    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

    private static EInvoiceValidator instance;

    private final Processor saxon = new Processor(false);
    private final Schema invoiceSchema;
    private final Schema creditNoteSchema;
    private final XsltExecutable en16931;
    private final XsltExecutable peppol;

    /** Findings of one rule set; {@code errors} make the document invalid. */
    record Findings(List<String> errors, List<String> warnings) {
    }

    record Result(List<String> schemaErrors, Findings en16931, Findings peppol) {
        /** Valid against the schema and EN 16931 (what every invoice must be). */
        boolean validEn16931() {
            return schemaErrors.isEmpty() && en16931.errors().isEmpty();
        }

        /** Also valid for Peppol BIS Billing 3.0 and NLCIUS (a business customer reachable over Peppol). */
        boolean validPeppol() {
            return validEn16931() && peppol.errors().isEmpty();
        }
    }

    private EInvoiceValidator() throws SAXException, SaxonApiException, IOException {
        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schemas.setResourceResolver(EInvoiceValidator::importedSchema);
        invoiceSchema = schemas.newSchema(resource(UBL_SCHEMAS + "UBL-Invoice-2.1.xsd"));
        creditNoteSchema = schemas.newSchema(resource(UBL_SCHEMAS + "UBL-CreditNote-2.1.xsd"));
        en16931 = compile(EN16931);
        peppol = compile(PEPPOL);
    }

    static synchronized EInvoiceValidator get() {
        if (instance == null) {
            try {
                instance = new EInvoiceValidator();
            } catch (SAXException | SaxonApiException | IOException e) {
                throw new IllegalStateException("cannot load the e-invoice rules", e);
            }
        }
        return instance;
    }

    Result validate(byte[] ubl) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(ubl));
            List<String> schemaErrors = new ArrayList<>();
            Schema schema = "CreditNote".equals(document.getDocumentElement().getLocalName()) ? creditNoteSchema : invoiceSchema;
            try {
                schema.newValidator().validate(new DOMSource(document));
            } catch (SAXException e) {
                schemaErrors.add(e.getMessage());
            }
            return new Result(schemaErrors, run(en16931, ubl), run(peppol, ubl));
        } catch (ParserConfigurationException | SAXException | IOException | SaxonApiException e) {
            throw new IllegalStateException("cannot validate the document", e);
        }
    }

    private Findings run(XsltExecutable rules, byte[] ubl) throws SaxonApiException {
        XsltTransformer transformer = rules.load();
        transformer.setSource(new StreamSource(new ByteArrayInputStream(ubl)));
        XdmDestination report = new XdmDestination();
        transformer.setDestination(report);
        transformer.transform();
        XdmNode svrl = report.getXdmNode();
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svrl.toString().getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("unreadable validation report", e);
        }
        if (root.getElementsByTagNameNS(SVRL, "fired-rule").getLength() == 0) {
            throw new IllegalStateException("no rule applied: the document is not what the rules expect");
        }
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        NodeList failed = root.getElementsByTagNameNS(SVRL, "failed-assert");
        for (int i = 0; i < failed.getLength(); i++) {
            Element assertion = (Element) failed.item(i);
            String finding = assertion.getAttribute("id") + " at " + assertion.getAttribute("location") + ": "
                    + assertion.getTextContent().trim();
            String flag = assertion.getAttribute("flag");
            if ("fatal".equals(flag) || "error".equals(flag)) {
                errors.add(finding);
            } else {
                warnings.add(finding);
            }
        }
        return new Findings(errors, warnings);
    }

    private XsltExecutable compile(String path) throws SaxonApiException, IOException {
        URL url = resource(path);
        return saxon.newXsltCompiler().compile(new StreamSource(url.openStream(), url.toExternalForm()));
    }

    /** UBL's schemas import CCTS, XML-DSig and XAdES by namespace only; each comes from a jar of its own. */
    private static final Map<String, String> IMPORTED = Map.of(
            "urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2", "schemas/CCTS_CCT_SchemaModule.xsd",
            "http://www.w3.org/2000/09/xmldsig#", "schemas/xmldsig-core-schema.xsd",
            "http://uri.etsi.org/01903/v1.3.2#", "schemas/XAdES01903v132-201601.xsd",
            "http://uri.etsi.org/01903/v1.4.1#", "schemas/XAdES01903v141-201601.xsd",
            "http://www.w3.org/XML/1998/namespace", "schemas/xml.xsd");

    private static LSInput importedSchema(String type, String namespace, String publicId, String systemId, String baseUri) {
        if (systemId != null || !IMPORTED.containsKey(namespace)) {
            return null; // a relative schemaLocation: the parser finds it beside the importing schema
        }
        try {
            DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
            LSInput input = ls.createLSInput();
            URL url = resource(IMPORTED.get(namespace));
            input.setSystemId(url.toExternalForm());
            input.setByteStream(url.openStream());
            return input;
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot open the schema of " + namespace, e);
        }
    }

    private static URL resource(String path) {
        return Objects.requireNonNull(EInvoiceValidator.class.getClassLoader().getResource(path), path);
    }
}
