package io.cloudpro.order.rest;

import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.service.OrderProblems;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The customer of this request as identity-service's token names them: the login ({@code sub}) and
 * the account it acts for ({@code account_id}). Every query is scoped to that account, so no path
 * or parameter can reach another account's data.
 */
@RequestScoped
public class CurrentCustomer {

    static final String ACCOUNT_CLAIM = "account_id";

    private final JsonWebToken token;

    CurrentCustomer(JsonWebToken token) {
        this.token = token;
    }

    public Customer require() {
        UUID loginId = uuid(token.getSubject());
        Object account = token.getClaim(ACCOUNT_CLAIM);
        if (loginId == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token does not name a login.");
        }
        UUID accountId = account == null ? null : uuid(account.toString());
        if (accountId == null) {
            throw new ProblemException(OrderProblems.NO_ACCOUNT, "This login acts for no customer account.");
        }
        return new Customer(loginId, accountId);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
