package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The train's order and its dry run. Order: staging, shadow, primary (then the bake), then
 * production and dedicated environments one at a time, zone by zone in each environment's zone
 * order. Among production and dedicated environments: those matching {@code order} first, in the
 * order of its patterns; then the remaining production ones, then the remaining dedicated ones,
 * each by {@code sort} (the fleet's order by default).
 */
public final class Planner {

    private static final List<Tier> LEADING_TIERS = List.of(Tier.STAGING, Tier.SHADOW, Tier.PRIMARY);

    private Planner() {}

    public static List<Step> steps(Fleet fleet, TrainSpec spec) {
        List<Environment> selected = fleet.environments().stream().filter(spec.select()::matches).toList();
        if (selected.isEmpty()) {
            throw new PlanException("the train's selection matches no environment of the fleet");
        }
        List<Step> steps = new ArrayList<>();
        for (Environment env : environmentOrder(selected, spec)) {
            for (int z = 0; z < env.zones().size(); z++) {
                boolean last = z == env.zones().size() - 1;
                steps.add(new Step(steps.size(), new Target(env.name(), env.zones().get(z)), env.tier(), env.provider(),
                        env.region(), last ? spec.soakAfterEnvironment() : spec.soakAfterZone(),
                        last && env.tier() == Tier.PRIMARY ? spec.bake() : Duration.ZERO, last));
            }
        }
        return steps;
    }

    static List<Environment> environmentOrder(List<Environment> selected, TrainSpec spec) {
        Set<Environment> ordered = new LinkedHashSet<>();
        for (Tier tier : LEADING_TIERS) {
            selected.stream().filter(e -> e.tier() == tier).forEach(ordered::add);
        }
        List<Environment> rest = selected.stream()
                .filter(e -> e.tier() == Tier.PRODUCTION || e.tier() == Tier.DEDICATED)
                .sorted(spec.sort().comparator())
                .toList();
        for (Glob glob : spec.order()) {
            rest.stream().filter(e -> glob.matches(e.name())).forEach(ordered::add);
        }
        rest.stream().filter(e -> e.tier() == Tier.PRODUCTION).forEach(ordered::add);
        rest.stream().filter(e -> e.tier() == Tier.DEDICATED).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /**
     * When every step would run from {@code start}: each waits for the previous step's soak (or the
     * bake after the primary, wall-clock time that windows do not pause), then for its environment's
     * next opening long enough for the zone deploy estimate.
     */
    public static TrainSchedule schedule(Fleet fleet, TrainSpec spec, Instant start) {
        return scheduleRemaining(fleet, spec, start, id -> true);
    }

    /**
     * The schedule of a train under way, planned again from {@code start} (now): only the steps whose target
     * id is still to run are scheduled, the others take no time. A page that re-plans with it on every look
     * never shows a time already past.
     */
    public static TrainSchedule scheduleRemaining(Fleet fleet, TrainSpec spec, Instant start, Predicate<String> stillToRun) {
        TrainCalendar calendar = new TrainCalendar(fleet, spec);
        List<ScheduledStep> scheduled = new ArrayList<>();
        Instant cursor = start;
        for (Step step : steps(fleet, spec)) {
            if (!stillToRun.test(step.target().id())) {
                continue;
            }
            Instant notBefore = cursor;
            Instant begin = calendar.earliestStart(step, notBefore).orElseThrow(() -> new PlanException(
                    "environment '" + step.target().environment() + "': no deploy window of "
                            + spec.zoneDeployEstimate().toMinutes() + " minutes for zone '" + step.target().zone()
                            + "' within " + TrainCalendar.HORIZON.toDays() + " days after " + notBefore
                            + " (check its allowed windows, blackouts, the train's windows and the freezes)"));
            Instant end = begin.plus(spec.zoneDeployEstimate());
            scheduled.add(new ScheduledStep(step, begin, end));
            cursor = end.plus(step.waitAfter());
        }
        return new TrainSchedule(start, scheduled, cursor);
    }
}
