package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.repository.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/**
 * What order-service copies onto an invoice when it issues one (Wet OB 1968 art. 35a): the
 * customer's name and address and, for a business, its name, address, VAT id and KvK number - as
 * they are at that moment. An erased account has none of them any more.
 */
@ApplicationScoped
public class BillingDetailsService {

    private final AccountRepository accounts;

    BillingDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public record Address(String street, String postalCode, String city, String country) {
    }

    public record CompanyBilling(String name, Address address, String vatId, String kvkNumber) {
    }

    public record BillingDetails(UUID accountId, String name, Address address, CompanyBilling company) {
    }

    @Transactional
    public Optional<BillingDetails> of(UUID accountId) {
        return accounts.findByIdOptional(accountId).filter(a -> a.erasedAt == null).map(BillingDetailsService::details);
    }

    private static BillingDetails details(Account account) {
        CompanyBilling company = account.hasCompany()
                ? new CompanyBilling(account.companyName, new Address(account.companyStreet, account.companyPostalCode,
                account.companyCity, account.companyCountry), account.companyVatId, account.companyKvkNumber)
                : null;
        return new BillingDetails(account.id, account.firstName + " " + account.lastName,
                new Address(account.street, account.postalCode, account.city, account.country), company);
    }
}
