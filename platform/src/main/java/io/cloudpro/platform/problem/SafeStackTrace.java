package io.cloudpro.platform.problem;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Renders a throwable for the log without its messages: exception types and stack frames are
 * enough to find a fault, while messages may quote personal data (an e-mail in a SQL error, a
 * rejected input value).
 */
public final class SafeStackTrace {

    private static final int MAX_FRAMES_PER_CAUSE = 25;

    private SafeStackTrace() {
    }

    public static String render(Throwable error) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        String prefix = "";
        while (current != null && seen.add(current)) {
            out.append(prefix).append(current.getClass().getName()).append('\n');
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES_PER_CAUSE); i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > MAX_FRAMES_PER_CAUSE) {
                out.append("\t... ").append(frames.length - MAX_FRAMES_PER_CAUSE).append(" more\n");
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return out.toString();
    }
}
