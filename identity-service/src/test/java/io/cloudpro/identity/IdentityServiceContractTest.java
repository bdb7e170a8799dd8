package io.cloudpro.identity;

import io.cloudpro.testsupport.ServiceContractTest;
import io.cloudpro.testsupport.ServiceTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class IdentityServiceContractTest extends ServiceContractTest {
}
