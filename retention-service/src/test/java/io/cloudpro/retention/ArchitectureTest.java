package io.cloudpro.retention;

import io.cloudpro.testsupport.LayeringRules;
import org.junit.jupiter.api.Test;

/** resource -> service -> repository, checked (see test-support's LayeringRules). */
class ArchitectureTest {

    @Test
    void requestsFlowFromResourcesThroughServicesToRepositories() {
        LayeringRules.check("io.cloudpro.retention");
    }
}
