package io.cloudpro.order;

import io.cloudpro.testsupport.ServiceContractTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class OrderServiceContractTest extends ServiceContractTest {
}
