package io.cloudpro.platform.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a purge goes on with another batch: the participant contract's rule, on its own. */
class PurgeBatchesTest {

    @Test
    void onlyABatchThatRemovedExactlyItsLimitMayHaveLeftRecords() {
        assertTrue(Purges.mayHaveMore(10_000, 10_000), "a full batch: there may be more");
        assertFalse(Purges.mayHaveMore(9_999, 10_000), "fewer than the limit: nothing was left");
        assertFalse(Purges.mayHaveMore(0, 10_000), "an empty batch ends the purge");
        assertFalse(Purges.mayHaveMore(100_000, 60_000), "more than the limit: the participant took everything left at once");
    }
}
