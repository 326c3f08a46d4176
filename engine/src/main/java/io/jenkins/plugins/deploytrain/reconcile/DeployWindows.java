package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * When a target may start deploying (deploy windows, blackouts, holidays, freezes). Must be a pure
 * function of its arguments, so that {@link Reconciler#decide} stays pure.
 */
@FunctionalInterface
public interface DeployWindows {

    DeployWindows ALWAYS_OPEN = (target, notBefore) -> Optional.of(notBefore);

    /** The first instant at or after {@code notBefore} when the target may start, or empty if never. */
    Optional<Instant> earliestStart(TargetRecord target, Instant notBefore);
}
