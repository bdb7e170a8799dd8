package io.cloudpro.privacy.web;

import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.service.PortalKeys;
import io.cloudpro.privacy.service.PortalSessions;
import io.cloudpro.privacy.service.PortalSessions.Visitor;
import io.cloudpro.privacy.web.PortalViews.Frame;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What every page that needs a login checks first: someone is logged in (else the login page), they
 * hold the page's role - a customer's own pages for customers; the privacy officer's to read for the
 * privacy officer and admins, to decide (a form that changes something) for the privacy officer only
 * - and a form carries their session's CSRF token. Also the small input checks the forms share.
 */
@ApplicationScoped
class PortalAccess {

    private static final URI LOGIN = URI.create("/portal/login");

    /** Who may use a page, and what the others are told. */
    private enum Audience {
        CUSTOMER("Only for customers", "These pages show a customer's own data. Staff logins have none."),
        OFFICER_READS("Only for the privacy officer", "These pages are for the privacy officer and admins."),
        OFFICER_DECIDES("Only for the privacy officer", "Only the privacy officer decides; admins can read these pages.");

        private final String title;
        private final String message;

        Audience(String title, String message) {
            this.title = title;
            this.message = message;
        }

        boolean admits(Visitor visitor) {
            return switch (this) {
                case CUSTOMER -> visitor.has(Roles.CUSTOMER);
                case OFFICER_READS -> visitor.has(Roles.PRIVACY_OFFICER) || visitor.has(Roles.ADMIN);
                case OFFICER_DECIDES -> visitor.has(Roles.PRIVACY_OFFICER);
            };
        }
    }

    private final PortalSessions sessions;
    private final PortalKeys keys;

    PortalAccess(PortalSessions sessions, PortalKeys keys) {
        this.sessions = sessions;
        this.keys = keys;
    }

    /** A customer's own page. */
    Response customerPage(HttpServerRequest http, String session, Function<Visitor, Response> page) {
        return guarded(http, session, false, null, Audience.CUSTOMER, page);
    }

    /** A customer's form, with their session's token. */
    Response customerForm(HttpServerRequest http, String session, String csrf, Function<Visitor, Response> change) {
        return guarded(http, session, true, csrf, Audience.CUSTOMER, change);
    }

    /** A page to read, for the privacy officer and admins. */
    Response read(HttpServerRequest http, String session, Function<Visitor, Response> page) {
        return guarded(http, session, false, null, Audience.OFFICER_READS, page);
    }

    /** A form that changes something: the privacy officer's only, with their session's token. */
    Response decide(HttpServerRequest http, String session, String csrf, Function<Visitor, Response> change) {
        return guarded(http, session, true, csrf, Audience.OFFICER_DECIDES, change);
    }

    /** {@code form}: the request changes something, and must carry the session's token in {@code csrf}. */
    private Response guarded(HttpServerRequest http, String session, boolean form, String csrf, Audience audience,
                             Function<Visitor, Response> page) {
        Optional<Visitor> visitor = sessions.visitor(session, PortalPages.client(http));
        if (visitor.isEmpty()) {
            return Response.seeOther(LOGIN).build();
        }
        if (!audience.admits(visitor.get())) {
            return PortalPages.page(403, PortalPages.Templates.problem(frame(session, visitor.get(), null), audience.title,
                    audience.message)).build();
        }
        if (form && !keys.csrfMatches(session, csrf)) {
            return PortalPages.expired(frame(session, visitor.get(), null));
        }
        return page.apply(visitor.get());
    }

    Frame frame(String session, Visitor visitor, String current) {
        return Frame.of(keys.csrfToken(session), visitor, current);
    }

    static boolean decides(Visitor visitor) {
        return Audience.OFFICER_DECIDES.admits(visitor);
    }

    /** An id from a path or a form; empty when it is not one. */
    static Optional<UUID> id(String value) {
        try {
            return Optional.of(UUID.fromString(value == null ? "" : value.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One line of at most {@code max} characters, stripped; null when blank, longer or more than one line. */
    static String line(String value, int max) {
        String stripped = value == null ? "" : value.strip();
        return stripped.isEmpty() || stripped.length() > max || stripped.contains("\n") || stripped.contains("\r") ? null : stripped;
    }

    /** Comma-separated names, each a line of up to 100 characters; empty when none, more than {@code max}, or one is not. */
    static List<String> names(String value, int max) {
        List<String> names = Arrays.stream((value == null ? "" : value).split(",")).map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
        return names.size() > max || names.stream().anyMatch(n -> line(n, 100) == null) ? List.of() : names;
    }

    /** Free text of up to {@code max} characters; null when blank or longer. */
    static String text(String value, int max) {
        return value == null || value.isBlank() || value.length() > max ? null : value.strip();
    }
}
