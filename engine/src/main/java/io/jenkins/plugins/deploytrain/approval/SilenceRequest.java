package io.jenkins.plugins.deploytrain.approval;

import io.jenkins.plugins.deploytrain.config.Durations;
import java.time.Duration;

/**
 * The rule for a silence asked for with an approval, the same on every host (command line, served page,
 * Jenkins page): a positive duration in the engine's format ({@code 30m}, {@code 2h}, {@code PT1H}), and only
 * with {@code proceed}, since a silence covers what a failed gate saw while the train goes past it. Each host
 * words the refusal for its own field.
 */
public final class SilenceRequest {

    /** Why a silence was refused. */
    public enum Problem {
        NOT_A_POSITIVE_DURATION,
        NOT_WITH_THIS_ACTION
    }

    /** A refused silence: {@link #problem()} says which rule it broke. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        Refused(Problem problem, String text) {
            super(problem + ": '" + text + "'");
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private SilenceRequest() {}

    /**
     * @param text as given (surrounding spaces ignored); null: no silence
     * @return the silence's duration, or null for none
     * @throws Refused when the text is not a positive duration, or goes with another action than proceed
     */
    public static Duration read(String text, ApprovalAction action) {
        if (text == null) {
            return null;
        }
        Duration duration = Durations.parse(text.trim()).filter(d -> !d.isNegative() && !d.isZero())
                .orElseThrow(() -> new Refused(Problem.NOT_A_POSITIVE_DURATION, text));
        if (action != ApprovalAction.PROCEED) {
            throw new Refused(Problem.NOT_WITH_THIS_ACTION, text);
        }
        return duration;
    }
}
