package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One deploy of one target. Written with outcome {@code running} before the deploy starts (intent) and
 * rewritten with its outcome when it ends.
 *
 * @param process the host's handle on the running deploy (a pid for the CLI), so a successor can wait for
 *     an orphan before deploying again; null until known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(int number, Instant started, Instant ended, String worker, AttemptOutcome outcome, String detail,
        String process) {

    public static Attempt intent(int number, Instant started, String worker) {
        return new Attempt(number, started, null, worker, AttemptOutcome.RUNNING, null, null);
    }

    public Attempt withProcess(String handle) {
        return new Attempt(number, started, ended, worker, outcome, detail, handle);
    }

    public Attempt ended(Instant at, AttemptOutcome how, String why) {
        return new Attempt(number, started, at, worker, how, why, process);
    }
}
