package io.cloudpro.identity;

import io.cloudpro.testsupport.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class IdentityServiceContractTest extends ServiceContractTest {
}
