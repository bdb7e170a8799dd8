package io.cloudpro.platform.problem;

/**
 * A kind of problem: its stable type URI, the HTTP status it answers with and a short title.
 * Services declare their own kinds with {@link #of}; the common ones are constants here.
 */
public record ProblemType(String uri, int status, String title) {

    private static final String BASE = "https://cloudpro.io/problems/";

    public static final ProblemType VALIDATION = of("validation", 400, "Invalid request");
    public static final ProblemType MALFORMED_REQUEST = of("malformed-request", 400, "Malformed request");
    public static final ProblemType UNAUTHORIZED = of("unauthorized", 401, "Authentication required");
    public static final ProblemType FORBIDDEN = of("forbidden", 403, "Not allowed");
    public static final ProblemType NOT_FOUND = of("not-found", 404, "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED = of("method-not-allowed", 405, "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE = of("not-acceptable", 406, "Not acceptable");
    public static final ProblemType CONFLICT = of("conflict", 409, "Conflict");
    public static final ProblemType PAYLOAD_TOO_LARGE = of("payload-too-large", 413, "Payload too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type", 415, "Unsupported media type");
    public static final ProblemType TOO_MANY_REQUESTS = of("too-many-requests", 429, "Too many requests");
    public static final ProblemType INTERNAL = of("internal", 500, "Internal error");
    public static final ProblemType UNAVAILABLE = of("unavailable", 503, "Service unavailable");

    /** A problem type under the platform's namespace, e.g. {@code of("email-taken", 409, "E-mail address in use")}. */
    public static ProblemType of(String slug, int status, String title) {
        return new ProblemType(BASE + slug, status, title);
    }

    /** The generic type for an HTTP status that has no more specific one. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : of("http-" + status, status, "Request failed");
        };
    }
}
