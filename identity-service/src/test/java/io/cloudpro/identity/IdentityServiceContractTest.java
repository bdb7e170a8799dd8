package io.cloudpro.identity;

import io.cloudpro.testsupport.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The contract every service keeps; identity-service accepts only tokens of its own live sessions. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class IdentityServiceContractTest extends ServiceContractTest {

    @Override
    protected String adminToken() {
        return IdentityClient.admin();
    }

    @Override
    protected String customerToken() {
        String email = IdentityClient.newEmail();
        IdentityClient.register(email, IdentityClient.randomIp());
        return IdentityClient.accessToken(email, IdentityClient.randomIp());
    }
}
