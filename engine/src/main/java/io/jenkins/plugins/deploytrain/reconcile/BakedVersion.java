package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * For a daily train: "the version that has baked in the primary for at least N hours with no failed gate",
 * read from the ledger. The version running in an environment is the one of the train that last finished
 * deploying all of its zones there; it has baked since that instant. Pure.
 */
public final class BakedVersion {
    private BakedVersion() {}

    /** The chosen version, or none; {@code why} says which and why, or why none, for people. */
    public record Selection(Optional<String> version, String why) {}

    /** @param environment the environment to look at; empty for the primary */
    public static Selection select(Ledger ledger, Optional<String> environment, Duration bakedFor, Instant now) {
        String where = environment.map(e -> "environment " + e).orElse("the primary");
        record Running(Train train, List<TargetRecord> targets, Instant since) {}
        Optional<Running> current = ledger.trains().stream()
                .map(t -> {
                    List<TargetRecord> there = t.targets().stream()
                            .filter(x -> environment.map(x.environment()::equals).orElse("primary".equals(x.tier())))
                            .toList();
                    Optional<Instant> since = there.isEmpty() || !there.stream().allMatch(x -> x.status() == TargetStatus.SUCCEEDED)
                            ? Optional.empty() : there.stream().map(BakedVersion::deployedAt).flatMap(Optional::stream).max(Comparator.naturalOrder());
                    return since.map(s -> new Running(t, there, s));
                })
                .flatMap(Optional::stream)
                .max(Comparator.comparing(Running::since));
        if (current.isEmpty()) {
            return new Selection(Optional.empty(), "no train of " + ledger.job() + " has deployed " + where + " yet");
        }
        Running r = current.get();
        String version = r.train().version();
        boolean failedGate = r.targets().stream().flatMap(t -> t.gateResults().stream()).anyMatch(g -> !g.passed());
        if (failedGate) {
            return new Selection(Optional.empty(), "version " + version + " in " + where + " had a failed gate");
        }
        Duration baked = Duration.between(r.since(), now);
        if (baked.compareTo(bakedFor) < 0) {
            return new Selection(Optional.empty(), "version " + version + " has baked in " + where + " for " + hours(baked)
                    + ", less than " + hours(bakedFor));
        }
        return new Selection(Optional.of(version), "version " + version + " has baked in " + where + " for " + hours(baked)
                + " with no failed gate");
    }

    private static Optional<Instant> deployedAt(TargetRecord t) {
        return t.attempts().stream().filter(a -> a.outcome() == AttemptOutcome.SUCCEEDED).map(Attempt::ended)
                .max(Comparator.naturalOrder());
    }

    /** {@code 26h}, {@code 11h30m}: how long a version baked, for people. */
    public static String hours(Duration d) {
        return d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : String.format("%02dm", d.toMinutesPart()));
    }
}
