package io.cloudpro.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Answers a body over the size limit (413) and headers over theirs (431) with problem+json like
 * every other error, before Quarkus would answer with an empty body.
 * <p>
 * Bodies: a {@code Content-Length} over {@code quarkus.http.limits.max-body-size} is refused here,
 * ahead of Quarkus' own check (a chunked body that grows too large is still cut off by Quarkus,
 * without a body). Headers: the HTTP decoder's hard ceiling ({@code quarkus.http.limits.max-header-size})
 * is set well above the real limit ({@code cloudpro.http.max-header-size}, 16 KiB), which is enforced
 * here; only requests beyond the ceiling get the decoder's bare 431, since no application code sees them.
 */
@ApplicationScoped
public class RequestLimits {

    /** Runs before Quarkus' body-size route (order -2). */
    private static final int ORDER = -3;

    private final long maxBodyBytes;
    private final long maxHeaderBytes;
    private final ObjectMapper json;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
                  @ConfigProperty(name = "cloudpro.http.max-header-size", defaultValue = "16K") MemorySize maxHeaders,
                  ObjectMapper json) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxHeaderBytes = maxHeaders.asLongValue();
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (headerBytes(request.headers()) > maxHeaderBytes) {
            refuse(context, ProblemType.of("headers-too-large", 431, "Request headers too large"),
                    "The request's headers are larger than the " + maxHeaderBytes / 1024 + " KiB this service accepts.");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && isLongerThan(length, maxBodyBytes)) {
            refuse(context, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the " + maxBodyBytes / (1024 * 1024) + " MiB this service accepts.");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, ProblemType type, String detail) {
        Problem problem = Problem.of(type, detail, context.request().path());
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            body = ("{\"type\":\"" + type.uri() + "\",\"status\":" + type.status() + "}").getBytes();
        }
        HttpServerResponse response = context.response();
        // The body was not read: the connection cannot carry another request after this answer.
        response.setStatusCode(type.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(io.vertx.core.buffer.Buffer.buffer(body))
                .onComplete(done -> context.request().connection().close());
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return total;
    }

    private static boolean isLongerThan(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // the HTTP decoder rejects a malformed length itself
        }
    }
}
