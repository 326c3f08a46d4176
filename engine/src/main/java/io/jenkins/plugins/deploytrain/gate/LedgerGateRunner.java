package io.jenkins.plugins.deploytrain.gate;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;


/**
 * The train stepper's {@link GateRunner} port on the monitor gates of train.yaml: a target's gate names
 * are looked up in its tier's gates and evaluated with the target's variables; the clean period and bake
 * count from the end of the target's last deploy.
 */
public final class LedgerGateRunner implements GateRunner {


    private final GatesConfig gates;
    private final GateEvaluator evaluator;
    private final Silencer silencer;

    public LedgerGateRunner(GatesConfig gates, GateEvaluator evaluator, Silencer silencer) {
        this.gates = gates;
        this.evaluator = evaluator;
        this.silencer = silencer;
    }

    @Override
    public GateVerdict evaluate(TargetRecord target, String gate, Instant now) {
        Optional<GateSpec> spec = spec(target, gate);
        if (spec.isEmpty()) {
            return GateVerdict.fail("no gate named '" + gate + "' for tier " + target.tier() + " in train.yaml");
        }
        GateResult result = evaluator.evaluate(spec.get(), context(target, now));
        return switch (result.status()) {
            case PASSED -> GateVerdict.pass(result.reason());
            case FAILED -> GateVerdict.fail(result.reason());
            case PENDING -> GateVerdict.notYet(result.reason(), result.recheckAt());
        };
    }

    @Override
    public Silencing silence(TargetRecord target, String gate, Approval approval, String key, Instant now) {
        if (approval.silence().isEmpty()) {
            return new Silencing(List.of(), List.of("the approval by " + approval.by() + " asks for no silence"));
        }
        Optional<GateSpec> spec = spec(target, gate);
        if (spec.isEmpty()) {
            return new Silencing(List.of(), List.of("no gate named '" + gate + "' to silence"));
        }
        try {
            List<SilenceRecord> adopted = silencer.adopt(spec.get(), key);
            if (!adopted.isEmpty()) {
                return new Silencing(adopted.stream().map(LedgerGateRunner::silenced).toList(), List.of());
            }
            Silencer.Outcome outcome = silence(target, gate, approval.silence().get(), approval.by(), approval.reason(), now, key);
            return new Silencing(outcome.created().stream().map(LedgerGateRunner::silenced).toList(), outcome.problems());
        } catch (MonitoringException | TemplateException e) {
            return new Silencing(List.of(), List.of(e.getMessage()));
        }
    }

    @Override
    public List<String> expire(Silenced silence) {
        SilenceRecord.System system = silence.system().equals("datadog") ? SilenceRecord.System.DATADOG : SilenceRecord.System.ALERTMANAGER;
        return silencer.expire(List.of(new SilenceRecord(system, silence.id(), silence.scope(), silence.until())));
    }

    /**
     * After an approval with a silence duration: evaluates the gate again, so the silence covers what is
     * firing now (nothing is kept between calls, a restarted host does the same), and silences exactly that.
     */
    public Silencer.Outcome silence(TargetRecord target, String gate, Duration duration, String approvedBy, String reason, Instant now) {
        return silence(target, gate, duration, approvedBy, reason, now, null);
    }

    private Silencer.Outcome silence(TargetRecord target, String gate, Duration duration, String approvedBy, String reason, Instant now,
                                     String key) {
        Optional<GateSpec> spec = spec(target, gate);
        if (spec.isEmpty()) {
            return new Silencer.Outcome(List.of(), List.of("no gate named '" + gate + "' to silence"));
        }
        GateResult current = evaluator.evaluate(spec.get(), context(target, now));
        if (current.status() != GateResult.Status.FAILED || current.signals().isEmpty()) {
            return new Silencer.Outcome(List.of(), List.of("gate " + gate + " has nothing firing to silence: " + current.reason()));
        }
        return silencer.silence(spec.get(), current, duration, approvedBy, reason, TargetVariables.of(target), now, key);
    }

    private Optional<GateSpec> spec(TargetRecord target, String gate) {
        return gates.gatesFor(target.tier() == null ? "" : target.tier()).stream().filter(g -> g.name().equals(gate)).findFirst();
    }

    private static GateContext context(TargetRecord target, Instant now) {
        Instant since = target.lastAttempt().map(a -> a.ended() != null ? a.ended() : a.started()).orElse(now);
        return new GateContext(TargetVariables.of(target), since, now);
    }

    private static Silenced silenced(SilenceRecord r) {
        return new Silenced(r.system() == SilenceRecord.System.DATADOG ? "datadog" : "alertmanager", r.id(), r.scope(), r.endsAt());
    }
}
