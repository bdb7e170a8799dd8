package io.cloudpro.platform.persistence;

import io.cloudpro.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class SqlFailuresTest {

    @Test
    void aUniqueViolationIsAConflictThatQuotesNoValue() {
        RuntimeException failure = SqlFailures.of("store an order",
                new SQLException("duplicate key value violates unique constraint; Key (number)=(O2026-000001)", "23505"));

        ProblemException problem = assertInstanceOf(ProblemException.class, failure);
        assertEquals(409, problem.type().status());
        assertFalse(problem.getMessage().contains("O2026"));
    }

    @Test
    void anythingElseIsUnexpectedAndNamesTheOperationAndState() {
        RuntimeException failure = SqlFailures.of("store an order", new SQLException("connection lost", "08006"));

        IllegalStateException unexpected = assertInstanceOf(IllegalStateException.class, failure);
        assertEquals("cannot store an order (SQLSTATE 08006)", unexpected.getMessage());
    }
}
