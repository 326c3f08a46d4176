package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.plan.ScheduledStep;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The plan as a text table, one line per zone, times in one time zone. */
final class PlanTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private PlanTable() {}

    static String render(TrainSpec train, TrainSchedule schedule, ZoneId zone) {
        int envWidth = Math.max("ENVIRONMENT".length(),
                schedule.steps().stream().mapToInt(s -> s.step().target().environment().length()).max().orElse(0));
        int zoneWidth = Math.max("ZONE".length(),
                schedule.steps().stream().mapToInt(s -> s.step().target().zone().length()).max().orElse(0));
        String row = "%3s  %-" + envWidth + "s  %-" + zoneWidth + "s  %-10s  %-26s  %-5s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(train.service()).append(' ').append(train.version().orElseGet(() -> "(version chosen at start: " + train.versionFrom().orElseThrow().describe() + ")"))
                .append(": ").append(schedule.steps().size()).append(" steps, times in ").append(zone.getId()).append('\n');
        out.append(String.format(Locale.ROOT, row, "#", "ENVIRONMENT", "ZONE", "TIER", "START", "END", "THEN WAIT"));
        for (ScheduledStep s : schedule.steps()) {
            String wait = s.step().bakeAfter().isZero()
                    ? Durations.format(s.step().soakAfter()) + (s.step().lastZoneOfEnvironment() ? " soak (environment)" : " soak")
                    : Durations.format(s.step().waitAfter()) + " bake";
            out.append(String.format(Locale.ROOT, row, s.step().index(), s.step().target().environment(), s.step().target().zone(),
                    s.step().tier().yamlName(), time(s.start(), zone), s.end().atZone(zone).format(CLOCK), wait));
        }
        out.append("ETA ").append(time(schedule.eta(), zone)).append(" (the last soak over)\n");
        return out.toString();
    }

    static String time(Instant t, ZoneId zone) {
        return t.atZone(zone).format(TIME);
    }
}
