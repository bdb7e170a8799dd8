package io.cloudpro.identity.rest;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.JobApplication;
import io.cloudpro.identity.security.CurrentLogin;
import io.cloudpro.identity.service.ApplicationService;
import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.validation.SingleLine;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** Job applications: anyone may apply; recruiters review and decide. */
@Path("/api/v1/applications")
@Tag(name = "Applications", description = "Responses to vacancies")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private final ApplicationService applications;
    private final CurrentLogin currentLogin;
    private final int maxCvBytes;

    ApplicationResource(ApplicationService applications, CurrentLogin currentLogin, IdentityConfig config) {
        this.applications = applications;
        this.currentLogin = currentLogin;
        this.maxCvBytes = config.applications().maxCvBytes();
    }

    @Schema(name = "ApplicationReceipt")
    public record Receipt(UUID id, String status, Instant submittedAt) {
    }

    @Schema(name = "ApplicationSummary")
    public record Summary(UUID id, String firstName, String lastName, String vacancy, String status,
                          Instant submittedAt, Instant decidedAt) {
    }

    @Schema(name = "Application")
    public record Detail(UUID id, String firstName, String lastName, String email, String vacancy, String motivation,
                         String portfolioUrl, boolean keepOnFileConsent, String status, Instant submittedAt,
                         Instant decidedAt, Instant retainUntil, String cvFileName, int cvSize) {
    }

    @Schema(name = "Decision")
    public record Decision(@NotNull @Schema(enumeration = {"HIRED", "REJECTED"}) JobApplication.Status decision) {
    }

    @POST
    @PermitAll
    @SecurityRequirements
    @RateLimited(bucket = "applications", perMinute = 5)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Apply for a vacancy", description = "multipart/form-data with the fields below and the CV"
            + " as a PDF file (part 'cv', at most 5 MB). A rejected application is deleted four weeks after the"
            + " decision, or after a year with keepOnFileConsent=true.")
    @APIResponse(responseCode = "201", description = "Received",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or not a PDF",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response apply(@RestForm @NotBlank @Size(max = 100) @SingleLine String firstName,
                          @RestForm @NotBlank @Size(max = 100) @SingleLine String lastName,
                          @RestForm @NotBlank @Size(max = 254) @Email(regexp = AccountDtos.EMAIL) String email,
                          @RestForm @NotBlank @Size(max = 100) @SingleLine String vacancy,
                          @RestForm @NotBlank @Size(max = 10000) String motivation,
                          @RestForm @Size(max = 500) String portfolioUrl,
                          @RestForm @DefaultValue("false") boolean keepOnFileConsent,
                          @RestForm("cv") FileUpload cv) {
        byte[] pdf = readPdf(cv);
        JobApplication application = applications.submit(new ApplicationService.Submission(firstName, lastName, email,
                vacancy, motivation, checkedUrl(portfolioUrl), keepOnFileConsent, safeFileName(cv.fileName()), pdf));
        return Response.created(URI.create("/api/v1/applications/" + application.id))
                .entity(new Receipt(application.id, application.status.name(), application.submittedAt)).build();
    }

    @GET
    @RolesAllowed(Roles.RECRUITER)
    @Operation(summary = "Applications, newest first", description = "Optionally only those with a status.")
    @APIResponse(responseCode = "200", description = "One page of applications")
    public Page<Summary> list(@QueryParam("status") JobApplication.Status status,
                              @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return applications.list(status, page, size).map(a -> new Summary(a.id, a.firstName, a.lastName, a.vacancy,
                a.status.name(), a.submittedAt, a.decidedAt));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.RECRUITER)
    @Operation(summary = "One application")
    @APIResponse(responseCode = "200", description = "The application",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Detail get(@PathParam("id") UUID id) {
        return detail(applications.get(id));
    }

    @GET
    @Path("/{id}/cv")
    @RolesAllowed(Roles.RECRUITER)
    @Produces("application/pdf")
    @Operation(summary = "The applicant's CV (PDF)")
    @APIResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cv(@PathParam("id") UUID id) {
        ApplicationService.WithCv found = applications.cv(id);
        return Response.ok(found.cv(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + found.application().cvFileName + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed(Roles.RECRUITER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide: hired or rejected", description = "Once per application (409 after that). A"
            + " rejection is mailed with the date by which the application will be deleted; application.decided"
            + " carries that date for retention-service.")
    @APIResponse(responseCode = "200", description = "The decided application",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "409", description = "Decided before (type already-decided)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Detail decide(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        return detail(applications.decide(currentLogin.require(), id, decision.decision()));
    }

    private byte[] readPdf(FileUpload cv) {
        if (cv == null || cv.uploadedFile() == null) {
            throw ProblemException.invalidField("cv", "attach your CV as a PDF file");
        }
        if (cv.size() > maxCvBytes) {
            throw ProblemException.invalidField("cv", "must be at most " + maxCvBytes / (1024 * 1024) + " MB");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(cv.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!isPdf(content)) {
            throw ProblemException.invalidField("cv", "must be a PDF file");
        }
        return content;
    }

    /** A PDF starts with "%PDF-" and ends with "%%EOF" (possibly followed by a newline or two). */
    static boolean isPdf(byte[] content) {
        if (content.length < 16 || !Arrays.equals(Arrays.copyOf(content, PDF_MAGIC.length), PDF_MAGIC)) {
            return false;
        }
        int tailStart = Math.max(0, content.length - 1024);
        String tail = new String(content, tailStart, content.length - tailStart, StandardCharsets.ISO_8859_1);
        return tail.contains(new String(PDF_END, StandardCharsets.US_ASCII));
    }

    private static String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ProblemException.invalidField("portfolioUrl", "must be an http(s) address");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("portfolioUrl", "must be an http(s) address");
        }
    }

    private static String safeFileName(String name) {
        String base = name == null ? "cv.pdf" : name.replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9._ -]", "_");
        return base.isBlank() ? "cv.pdf" : base.substring(0, Math.min(base.length(), 200));
    }

    private static Detail detail(JobApplication a) {
        return new Detail(a.id, a.firstName, a.lastName, a.email, a.vacancy, a.motivation, a.portfolioUrl,
                a.keepOnFileConsent, a.status.name(), a.submittedAt, a.decidedAt, a.retainUntil, a.cvFileName, a.cvSize);
    }
}
