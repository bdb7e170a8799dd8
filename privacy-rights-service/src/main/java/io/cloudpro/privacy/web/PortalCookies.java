package io.cloudpro.privacy.web;

import jakarta.ws.rs.core.NewCookie;

/**
 * The portal's two cookies, both out of reach of scripts (HttpOnly), sent only over HTTPS (Secure;
 * browsers count http://localhost as secure) and only to this host ({@code __Host-}, path /):
 * the session, and before a login the value the login form's CSRF token is derived from.
 * SameSite=Lax: a link in a mail still finds the person logged in; every form carries a CSRF token,
 * and no GET files, decides or changes anything a person asked for.
 */
final class PortalCookies {

    static final String SESSION = "__Host-portal-session";
    static final String FORM = "__Host-portal-form";

    private PortalCookies() {
    }

    static NewCookie set(String name, String value) {
        return new NewCookie.Builder(name).value(value).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    static NewCookie clear(String name) {
        return new NewCookie.Builder(name).value("").path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }
}
