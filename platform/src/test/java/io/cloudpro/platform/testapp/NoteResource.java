package io.cloudpro.platform.testapp;

import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.http.ClientAddress;
import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.mail.MailMessage;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tiny service on the platform: notes that publish events, plus endpoints that misbehave on purpose. */
@Path("/api/v1/test")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoteResource {

    public static final String TOPIC = "test.notes";
    public static final String NOTE_CREATED = "io.cloudpro.test.note.created.v1";

    private final EntityManager entityManager;
    private final EventOutbox outbox;
    private final MailOutbox mail;
    private final JsonWebToken jwt;

    NoteResource(EntityManager entityManager, EventOutbox outbox, MailOutbox mail, JsonWebToken jwt) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.mail = mail;
        this.jwt = jwt;
    }

    public record MailRequest(@NotBlank String to, @NotBlank String subject) {
    }

    /** Queues a mail in a transaction, as a service does. */
    @POST
    @Path("/mail")
    @PermitAll
    @Transactional
    public Map<String, Object> sendMail(@Valid @NotNull MailRequest request) {
        mail.send(new MailMessage(request.to(), request.subject(), "Hello from the platform test."));
        return Map.of("queued", true);
    }

    @GET
    @Path("/limited")
    @PermitAll
    @RateLimited(bucket = "test-bucket", perMinute = 100)
    public Map<String, Object> limited() {
        return Map.of("ok", true);
    }

    @GET
    @Path("/client")
    @PermitAll
    public Map<String, Object> client(io.vertx.core.http.HttpServerRequest request) {
        ClientAddress address = ClientAddress.of(request);
        return Map.of("ip", address.ip(), "throttleKey", address.throttleKey());
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    public Map<String, Object> me() {
        return Map.of("subject", jwt.getSubject());
    }

    public record NoteRequest(@NotBlank @Size(max = 500) String text) {
    }

    public record NoteView(UUID id, String text, Instant createdAt) {
    }

    public record NoteCreated(UUID noteId, String text) {
    }

    @POST
    @Path("/notes")
    @RolesAllowed(Roles.CUSTOMER)
    @Transactional
    public NoteView create(@Valid @NotNull NoteRequest request, @QueryParam("rollback") boolean rollback) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.ownerId = UUID.fromString(jwt.getSubject());
        note.text = request.text();
        note.createdAt = Instant.now();
        entityManager.persist(note);
        outbox.publish(TOPIC, NOTE_CREATED, note.ownerId.toString(), new NoteCreated(note.id, note.text));
        if (rollback) {
            throw new ProblemException(ProblemType.CONFLICT, "rolled back on request");
        }
        return new NoteView(note.id, note.text, note.createdAt);
    }

    @GET
    @Path("/notes/{id}")
    @RolesAllowed(Roles.CUSTOMER)
    @Transactional
    public NoteView get(@PathParam("id") UUID id) {
        Note note = entityManager.find(Note.class, id);
        if (note == null || !note.ownerId.toString().equals(jwt.getSubject())) {
            throw ProblemException.notFound("Note");
        }
        return new NoteView(note.id, note.text, note.createdAt);
    }

    public record Address(@NotBlank String street,
                          @NotBlank @Pattern(regexp = "[1-9][0-9]{3} ?[A-Z]{2}", message = "must be a Dutch postal code such as 5042 CR") String postalCode) {
    }

    public record Item(@NotBlank String sku, @Min(1) int quantity) {
    }

    public record ShapeRequest(@NotBlank String name, @Valid @NotNull Address address,
                               @NotEmpty List<@Valid Item> items) {
    }

    @POST
    @Path("/shapes")
    @PermitAll
    public Map<String, Object> validate(@Valid @NotNull ShapeRequest request,
                                        @QueryParam("limit") @DefaultValue("10") @Max(100) int limit) {
        return Map.of("ok", true);
    }

    @GET
    @Path("/boom")
    @PermitAll
    public String boom() {
        throw new IllegalStateException("failed for jan.jansen@example.nl at Dorpsstraat 1");
    }

    @GET
    @Path("/unannotated")
    public String unannotated() {
        return "nobody should see this";
    }
}
