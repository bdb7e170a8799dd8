package io.cloudpro.platform.privacy;

/** The topics of the privacy contract between the services (see ../shared/product/privacy-flows.md). */
public final class PrivacyTopics {

    /** Commands from privacy-rights-service (and retention-service's purges) to every participant; key = subject id. */
    public static final String COMMANDS = "privacy.commands";
    /** Every participant's results; key = subject id. */
    public static final String RESULTS = "privacy.results";
    /** Each service's catalogue, published at start-up; key = service name. */
    public static final String CATALOGUES = "privacy.catalogues";
    /** Compacted: what each service erased for whom (ids only); key = service/subject id. */
    public static final String ERASURES = "privacy.erasures";
    /** Every disclosure of personal data to a third party; key = the data subject's id. */
    public static final String DISCLOSURES = "privacy.disclosures";
    /** Each new version of the privacy statement (privacy-rights-service); key = "privacy-statement". */
    public static final String STATEMENTS = "privacy.statements";
    /** Legal holds placed and lifted (retention-service); key = hold id. */
    public static final String HOLDS = "retention.holds";
    /** The retention period in force per category (compacted, key = category), from retention-service. */
    public static final String POLICIES = "retention.policies";

    public static final String CATALOGUE_PUBLISHED = "io.cloudpro.privacy.catalogue.published.v1";
    public static final String ERASURE_RECORDED = "io.cloudpro.privacy.erasure.recorded.v1";
    /** A purge on the erasure log: replayed with the erasures after a restore. */
    public static final String PURGE_RECORDED = "io.cloudpro.privacy.purge.recorded.v1";
    public static final String DISCLOSURE = "io.cloudpro.privacy.disclosure.v1";
    public static final String STATEMENT_PUBLISHED = "io.cloudpro.privacy.statement.published.v1";
    public static final String HOLD_PLACED = "io.cloudpro.retention.hold.placed.v1";
    public static final String HOLD_LIFTED = "io.cloudpro.retention.hold.lifted.v1";
    public static final String PERIOD_IN_FORCE = "io.cloudpro.retention.period-in-force.v1";

    private PrivacyTopics() {
    }
}
