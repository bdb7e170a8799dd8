package io.cloudpro.platform.persistence;

import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;

import java.sql.SQLException;

/**
 * What a failed plain-JDBC statement becomes. An integrity violation (SQLSTATE class 23: a unique or
 * foreign key said no, usually two requests racing) is the 409 problem the ORM's constraint
 * violations get too; anything else is unexpected. The message names the operation, never the
 * values: PostgreSQL's messages can quote them.
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    public static RuntimeException of(String operation, SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
            return new ProblemException(ProblemType.CONFLICT, "The request conflicts with the current state of the data.");
        }
        return new IllegalStateException("cannot " + operation + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
