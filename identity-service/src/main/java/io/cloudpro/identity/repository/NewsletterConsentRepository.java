package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.NewsletterConsent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NewsletterConsentRepository implements PanacheRepositoryBase<NewsletterConsent, UUID> {

    public List<NewsletterConsent> history(UUID accountId) {
        return list("accountId = ?1 ORDER BY changedAt", accountId);
    }
}
