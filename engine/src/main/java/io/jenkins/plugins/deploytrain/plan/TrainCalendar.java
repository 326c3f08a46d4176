package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.window.DeployCalendar;
import io.jenkins.plugins.deploytrain.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each environment of a train may be deployed: its own allowed windows, narrowed by the
 * train's, outside its blackouts and the fleet's holidays and freezes. Thread-safe; the reconciler
 * asks it at run time, so calendars are built once per environment and queries jump from window
 * edge to window edge.
 */
public final class TrainCalendar {

    public static final Duration HORIZON = Duration.ofDays(400);

    private final Fleet fleet;
    private final TrainSpec spec;
    private final Map<String, DeployCalendar> calendars = new ConcurrentHashMap<>();

    public TrainCalendar(Fleet fleet, TrainSpec spec) {
        this.fleet = fleet;
        this.spec = spec;
    }

    /**
     * The first instant at or after {@code notBefore} when {@code step} (lasting the train's zone
     * deploy estimate) may start and end in the open; empty if none within {@link #HORIZON}.
     */
    public Optional<Instant> earliestStart(Step step, Instant notBefore) {
        return calendar(step.target().environment()).earliestStart(notBefore, spec.zoneDeployEstimate(), HORIZON);
    }

    /** The deploy calendar of one environment of the fleet. */
    public DeployCalendar calendar(String environment) {
        return calendars.computeIfAbsent(environment, this::build);
    }

    private DeployCalendar build(String name) {
        Environment env = fleet.environment(name)
                .orElseThrow(() -> new PlanException("environment '" + name + "' is not in the fleet"));
        List<List<Window>> allowed = new ArrayList<>();
        allowed.add(windows(env.allowed(), "environment '" + name + "'"));
        allowed.add(windows(spec.allowed(), "the train"));
        return new DeployCalendar(allowed, windows(env.blackouts(), "environment '" + name + "'"),
                fleet.holidays(), fleet.timezone(), fleet.freezes());
    }

    private List<Window> windows(List<String> names, String user) {
        return names.stream()
                .map(n -> fleet.window(n).orElseThrow(() -> new PlanException(user + " uses unknown window '" + n + "'")))
                .toList();
    }
}
