package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import java.time.Instant;
import java.util.List;

/** What the train should do next, as decided by {@link Reconciler#decide}. */
public sealed interface Decision {

    /** Deploy the target; {@code attempt} is the attempt number the deploy will have. */
    record Deploy(String target, int attempt) implements Decision {}

    /** Plan the target of a terraform train (a read-only body); {@code attempt} is the attempt number the plan will have. */
    record Plan(String target, int attempt) implements Decision {}

    /** Evaluate one gate of the target (its soak and bake are over). */
    record Verify(String target, String gate) implements Decision {}

    /** The target soaked, baked and passed every gate: it succeeded. */
    record Promote(String target) implements Decision {}

    /** Nothing to do before {@code until}: a soak, a bake, a closed window, another deploy of the environment. */
    record WaitUntil(Instant until, String reason) implements Decision {}

    /** A person must choose; {@code target} is null when the question is about the whole train. */
    record AwaitApproval(String target, String reason, List<ApprovalAction> choices) implements Decision {
        public AwaitApproval {
            choices = List.copyOf(choices);
        }
    }

    /** Every target succeeded or was skipped. */
    record Complete() implements Decision {}

    /** The train ended without completing (aborted, stopped, superseded). */
    record Fail(String reason) implements Decision {}
}
