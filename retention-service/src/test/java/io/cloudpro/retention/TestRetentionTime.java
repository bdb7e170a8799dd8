package io.cloudpro.retention;

import io.cloudpro.retention.service.RetentionTime;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.time.Instant;

/** The tests' clock: real time plus an offset a test moves, so that four weeks pass in a second. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestRetentionTime extends RetentionTime {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return super.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
