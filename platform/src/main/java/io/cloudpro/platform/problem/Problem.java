package io.cloudpro.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details object, the body of every error response
 * ({@code application/problem+json}). {@code type} is stable: clients branch on it, never on
 * {@code title} or {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
@Schema(name = "Problem", description = "RFC 9457 problem details")
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(description = "Stable URI that identifies the kind of problem",
            examples = "https://cloudpro.io/problems/validation")
    public final String type;
    @Schema(description = "Short, human-readable summary of the kind of problem", examples = "Invalid request")
    public final String title;
    @Schema(description = "HTTP status code", examples = "400")
    public final int status;
    @Schema(description = "What went wrong in this occurrence")
    public final String detail;
    @Schema(description = "The request path this problem occurred on", examples = "/api/v1/accounts")
    public final String instance;
    @Schema(description = "For validation problems: each rejected field and why")
    public final List<FieldError> errors;

    private final Map<String, Object> extensions;

    private Problem(ProblemType type, String detail, String instance, List<FieldError> errors,
                    Map<String, Object> extensions) {
        this.type = type.uri();
        this.title = type.title();
        this.status = type.status();
        this.detail = detail;
        this.instance = instance;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type, detail, instance, null, null);
    }

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors,
                             Map<String, Object> extensions) {
        return new Problem(type, detail, instance, errors, extensions);
    }

    /** Extension members (RFC 9457 section 3.2), written beside the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** One rejected input: where it is (a JSON path-like name) and why it was rejected. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "address.postalCode") String field,
            @Schema(examples = "must be a Dutch postal code such as 5042 CR") String message) {
    }
}
