package io.cloudpro.platform.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Thrown by services for any outcome that the client should see as a problem response: the
 * mapper turns it into {@code application/problem+json} with the type's status.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors,
                            Map<String, Object> extensions) {
        this(type, detail, errors, extensions, Map.of());
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors,
                             Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false); // no stack trace: this is an answer, not a fault
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ProblemException tooManyRequests(ProblemType type, String detail, Duration retryAfter) {
        return retryLater(type, detail, retryAfter);
    }

    /** A problem the caller can retry, e.g. a 503 while a service this one needs is away: with {@code Retry-After}. */
    public static ProblemException retryLater(ProblemType type, String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ProblemException(type, detail, List.of(), Map.of("retryAfterSeconds", seconds),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** 404 for anything the caller may not see or that does not exist - the two look the same. */
    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }

    /** 400 naming one rejected field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, "The request has an invalid field.",
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Response headers that belong to the answer, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
