package io.cloudpro.privacy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.privacy.domain.Deadlines;
import io.cloudpro.privacy.domain.Language;
import io.cloudpro.privacy.service.Statements;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The privacy statement as a page people read, in English or Dutch ({@code ?lang=nl}, else the
 * browser's language), with links to its earlier versions.
 */
@Path("/privacy-statement")
@Tag(name = "Privacy statement")
@PermitAll
@SecurityRequirements
public class StatementPages {

    private final Statements statements;
    private final Template page;
    private final ObjectMapper json;

    StatementPages(Statements statements, @Location("statement.html") Template page, ObjectMapper json) {
        this.statements = statements;
        this.page = page;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The privacy statement in force, as a page in English or Dutch")
    public Response current(@Parameter(description = "en or nl; without it, the browser's Accept-Language") @QueryParam("lang") String lang,
                            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Optional<Statements.Statement> published = statements.published();
        if (published.isEmpty()) {
            // right after a first start: the services' catalogues have not settled into a statement yet
            return PortalPages.page(503, PortalPages.Templates.problem(PortalViews.Frame.anonymous(null),
                    "The privacy statement is being prepared", "Please look again in a minute.")).header("Retry-After", 60).build();
        }
        return render(published.get(), Language.chosen(lang, acceptLanguage));
    }

    @GET
    @Path("/{version}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One version of the privacy statement, as a page in English or Dutch")
    public Response version(@PathParam("version") String version,
                            @Parameter(description = "en or nl; without it, the browser's Accept-Language") @QueryParam("lang") String lang,
                            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return render(statements.version(version), Language.chosen(lang, acceptLanguage));
    }

    /**
     * Versions published before the statement had a Dutch text are shown in English with a note in
     * Dutch. Records become maps for the template, which reads them by key.
     */
    private Response render(Statements.Statement statement, Language language) {
        Statements.Statement shown = statement.in(language).orElse(statement);
        String day = DateTimeFormatter.ofPattern("d MMMM yyyy", language.locale())
                .format(Deadlines.today(statement.publishedAt()));
        String html = page.instance()
                .setLocale(language.locale())
                .data("s", json.convertValue(shown, Map.class))
                .data("day", day)
                .data("lang", language.tag())
                .data("other", language == Language.NL ? Language.EN.tag() : Language.NL.tag())
                .data("translated", shown != statement || language == Language.EN)
                // the statement's own text: English where this version has none in the page's language
                .data("contentLang", shown == statement ? Language.EN.tag() : language.tag())
                .data("versions", json.convertValue(statements.versions(), List.class))
                .render();
        // the page depends on the browser's language when no ?lang= is given: caches must keep them apart
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_LANGUAGE, shown == statement && language != Language.EN ? "nl, en" : language.tag())
                .build();
    }
}
