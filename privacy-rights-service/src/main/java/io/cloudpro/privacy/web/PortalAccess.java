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
 * What every page of the privacy officer's checks first: someone is logged in (else the login
 * page), they may read it (privacy officer or admin) or, for a form that changes something, decide
 * (privacy officer only), and the form carries their session's CSRF token. Also the small input
 * checks the officer's forms share.
 */
@ApplicationScoped
class OfficerAccess {

    private static final URI LOGIN = URI.create("/portal/login");

    private final PortalSessions sessions;
    private final PortalKeys keys;

    OfficerAccess(PortalSessions sessions, PortalKeys keys) {
        this.sessions = sessions;
        this.keys = keys;
    }

    /** A page to read, for the privacy officer and admins. */
    Response read(HttpServerRequest http, String session, Function<Visitor, Response> page) {
        Optional<Visitor> visitor = sessions.visitor(session, PortalPages.client(http));
        if (visitor.isEmpty()) {
            return Response.seeOther(LOGIN).build();
        }
        return reads(visitor.get()) ? page.apply(visitor.get()) : notOfficer(session, visitor.get());
    }

    /** A form that changes something: the privacy officer's only, with their session's token. */
    Response decide(HttpServerRequest http, String session, String csrf, Function<Visitor, Response> change) {
        Optional<Visitor> visitor = sessions.visitor(session, PortalPages.client(http));
        if (visitor.isEmpty()) {
            return Response.seeOther(LOGIN).build();
        }
        if (!visitor.get().has(Roles.PRIVACY_OFFICER)) {
            return notOfficer(session, visitor.get());
        }
        if (!keys.csrfMatches(session, csrf)) {
            return PortalPages.expired(frame(session, visitor.get(), null));
        }
        return change.apply(visitor.get());
    }

    Frame frame(String session, Visitor visitor, String current) {
        return Frame.of(keys.csrfToken(session), visitor, current);
    }

    static boolean decides(Visitor visitor) {
        return visitor.has(Roles.PRIVACY_OFFICER);
    }

    private static boolean reads(Visitor visitor) {
        return visitor.has(Roles.PRIVACY_OFFICER) || visitor.has(Roles.ADMIN);
    }

    private Response notOfficer(String session, Visitor visitor) {
        return PortalPages.page(403, PortalPages.Templates.problem(frame(session, visitor, null),
                "Only for the privacy officer", "These pages are for the privacy officer and admins.")).build();
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
