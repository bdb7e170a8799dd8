package io.cloudpro.order.domain;

/** What a product is; a domain registration later also carries its registrant. */
public enum ProductKind {
    HOSTING, DOMAIN, SSL_CERTIFICATE
}
