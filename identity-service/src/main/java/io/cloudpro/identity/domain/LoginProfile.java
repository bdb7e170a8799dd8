package io.cloudpro.identity.domain;

/** A login with the customer account it acts for. */
public record LoginProfile(Credential login, Account account) {
}
