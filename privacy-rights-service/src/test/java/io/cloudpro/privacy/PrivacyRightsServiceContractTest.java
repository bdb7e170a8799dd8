package io.cloudpro.privacy;

import io.cloudpro.testsupport.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class PrivacyRightsServiceContractTest extends ServiceContractTest {
}
