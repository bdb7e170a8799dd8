package io.cloudpro.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns every exception that leaves a resource into an RFC 9457 problem response. Clients get a
 * stable {@code type}, the failing fields for bad input, and never a stack trace; a 500 carries
 * only an error id that operators find in the log.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(Problem.of(e.type(), e.getMessage(), path(uri), e.errors(), e.extensions()));
        if (!e.headers().isEmpty()) {
            Response.ResponseBuilder withHeaders = Response.fromResponse(response);
            e.headers().forEach(withHeaders::header);
            response = withHeaders.build();
        }
        return e.type().status() == 401 ? challenge(response) : response;
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e, UriInfo uri) {
        List<ConstraintViolation<?>> violations = new ArrayList<>(e.getConstraintViolations());
        if (violations.stream().anyMatch(v -> isReturnValue(v.getPropertyPath()))) {
            return unexpected(e, uri); // our response broke its own contract: a fault, not bad input
        }
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(Problem.of(ProblemType.VALIDATION,
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.",
                path(uri), errors, Map.of()));
    }

    /** A JSON value of the wrong type or shape, e.g. a string where a number belongs. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST,
                    "The request body does not have the expected JSON structure.", path(uri)));
        }
        return respond(Problem.of(ProblemType.VALIDATION, "1 field is invalid.", path(uri),
                List.of(new Problem.FieldError(field, "has the wrong type or format")), Map.of()));
    }

    /** Unparseable JSON. The parser's message may quote the input, so it is not echoed. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON.", path(uri)));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return challenge(respond(Problem.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required.", path(uri))));
    }

    private static Response challenge(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this.", path(uri)));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.CONFLICT,
                "The resource was changed by someone else at the same time; read it again and retry.", path(uri)));
    }

    /** A unique key or foreign key said no, usually a race between two requests. */
    @ServerExceptionMapper
    public Response constraintViolated(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.CONFLICT, "The request conflicts with the current state of the data.",
                path(uri)));
    }

    /** A query parameter of the wrong type: 400 naming it. */
    @ServerExceptionMapper
    public Response invalidQueryParameter(io.cloudpro.platform.http.QueryParameterConverters.InvalidQueryParameter e,
                                          UriInfo uri) {
        return respond(Problem.of(ProblemType.VALIDATION, "1 field is invalid.", path(uri),
                List.of(new Problem.FieldError(e.name(), "must be " + e.expected())), Map.of()));
    }

    /** 404 for unknown paths, 405, 406, 415 and whatever else JAX-RS itself decides. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        return respond(Problem.of(type, detailFor(type), path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        // Exception messages can carry personal data (SQL values, input echoes): log the shape only.
        LOG.errorf("Unexpected error %s on %s:%n%s", errorId, path(uri), SafeStackTrace.render(e));
        return respond(Problem.of(ProblemType.INTERNAL, "Something went wrong on our side. Quote the error id when"
                + " you contact support.", path(uri), List.of(), Map.of("errorId", errorId)));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String detailFor(ProblemType type) {
        return switch (type.status()) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that HTTP method.";
            case 406 -> "This address cannot answer in the media type asked for; it answers with JSON.";
            case 415 -> "This address does not accept that content type; send JSON.";
            default -> "The request could not be processed.";
        };
    }

    private static String path(UriInfo uri) {
        try {
            return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return null; // the path is a courtesy; a mapper must never fail for want of it
        }
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's name for a violated field: the body's property path ({@code address.postalCode},
     * {@code items[0].quantity}) or the query/path parameter's name, without the Java method name.
     */
    static String fieldName(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                case PARAMETER -> {
                    if (!last) {
                        continue; // a request body: its properties follow
                    }
                }
                default -> {
                }
            }
            if (node.isInIterable() && name.length() > 0) {
                name.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(node.getName());
            }
        }
        return name.length() == 0 ? "body" : name.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                name.append('[').append(ref.getIndex()).append(']');
            }
        }
        return name.toString();
    }
}
