package io.cloudpro.platform.http;

import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.Optional;

/** Applies {@link RateLimited} before the endpoint runs. */
public class RateLimitFilter {

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext context, ResourceInfo resource, HttpServerRequest request) {
        RateLimited limit = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (limit == null && resource.getResourceClass() != null) {
            limit = resource.getResourceClass().getAnnotation(RateLimited.class);
        }
        if (limit == null) {
            return Optional.empty();
        }
        Duration wait = limiter.acquire(limit, ClientAddress.of(request).throttleKey());
        if (wait.isZero()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Problem problem = Problem.of(ProblemType.TOO_MANY_REQUESTS,
                "Too many requests from your address; try again in " + seconds + " s.", "/" + context.getUriInfo().getPath()
                        .replaceFirst("^/", ""));
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build());
    }
}
