package io.cloudpro.platform.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often one client (IPv4 address or IPv6 /64) may call an endpoint: public endpoints
 * that send mail or cost real work. Over the limit the answer is {@code 429} problem+json with
 * {@code Retry-After}. Endpoints naming the same bucket share its allowance. The numbers can be set
 * per bucket: {@code cloudpro.rate-limits.<bucket>.per-minute} and {@code .burst}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

    /** The allowance's name, e.g. "registration". */
    String bucket();

    /** Sustained requests per minute. */
    int perMinute();

    /** Requests allowed at once before the sustained rate applies; 0: the same as {@link #perMinute}. */
    int burst() default 0;
}
