package io.cloudpro.platform.problem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeStackTraceTest {

    @Test
    void keepsTypesAndFramesButNoMessages() {
        Exception error = new IllegalStateException("insert failed",
                new RuntimeException("Key (email)=(jan.jansen@example.nl) already exists"));

        String rendered = SafeStackTrace.render(error);

        assertTrue(rendered.startsWith("java.lang.IllegalStateException\n"));
        assertTrue(rendered.contains("Caused by: java.lang.RuntimeException"));
        assertTrue(rendered.contains("at io.cloudpro.platform.problem.SafeStackTraceTest"));
        assertFalse(rendered.contains("jan.jansen"));
        assertFalse(rendered.contains("insert failed"));
    }
}
