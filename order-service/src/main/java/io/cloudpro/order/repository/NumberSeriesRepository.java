package io.cloudpro.order.repository;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.platform.persistence.SqlFailures;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Consecutive numbers per series. The counter row is updated in the caller's transaction and stays
 * locked until it ends: a concurrent caller waits, and a rollback gives the number back - no gap and
 * no duplicate, whatever fails in between.
 */
@ApplicationScoped
public class NumberSeriesRepository {

    private final AgroalDataSource dataSource;

    NumberSeriesRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Plain JDBC on the transaction's connection: every order, quotation and invoice takes a number. */
    public long next(String series) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement next = connection.prepareStatement("""
                     INSERT INTO number_series (series, last_number) VALUES (?, 1)
                     ON CONFLICT (series) DO UPDATE SET last_number = number_series.last_number + 1
                     RETURNING last_number""")) {
            next.setString(1, series);
            try (ResultSet row = next.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw SqlFailures.of("take the next number of a series", e);
        }
    }
}
