package io.cloudpro.privacy.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.privacy.service.Statements;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The privacy statement as a page people read, with links to its earlier versions. */
@Path("/privacy-statement")
@Tag(name = "Privacy statement")
@PermitAll
@SecurityRequirements
public class StatementPageResource {

    private final Statements statements;
    private final Template page;
    private final ObjectMapper json;

    StatementPageResource(Statements statements, @Location("statement.html") Template page, ObjectMapper json) {
        this.statements = statements;
        this.page = page;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The privacy statement in force, as a page")
    public String current() {
        return render(statements.current());
    }

    @GET
    @Path("/{version}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One version of the privacy statement, as a page")
    public String version(@PathParam("version") String version) {
        return render(statements.version(version));
    }

    /** Records become maps for the template, which reads them by key. */
    private String render(Statements.Statement statement) {
        return page.data("s", json.convertValue(statement, Map.class))
                .data("versions", json.convertValue(statements.versions(), List.class))
                .render();
    }
}
