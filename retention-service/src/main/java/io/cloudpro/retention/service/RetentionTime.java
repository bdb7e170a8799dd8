package io.cloudpro.retention.service;

import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;

/** What time it is for retention: clocks fall due by it. Tests replace it to move weeks ahead without waiting. */
@ApplicationScoped
public class RetentionTime {

    public java.time.Instant now() {
        return Timestamps.now();
    }
}
