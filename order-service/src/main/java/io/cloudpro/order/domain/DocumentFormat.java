package io.cloudpro.order.domain;

/** The forms an invoice is kept and handed out in. */
public enum DocumentFormat {
    /** For people: printable, archivable. */
    PDF("application/pdf", "pdf"),
    /** For accounting software: UBL 2.1 following Peppol BIS Billing 3.0 with the Dutch rules (NLCIUS). */
    UBL("application/xml", "xml");

    private final String mediaType;
    private final String extension;

    DocumentFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}
