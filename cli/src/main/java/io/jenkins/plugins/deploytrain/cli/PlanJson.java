package io.jenkins.plugins.deploytrain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.plan.ScheduledStep;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The plan as JSON: {@code {"eta", "steps": [{"environment", "zone", "tier", "start", "end", ...}]}}
 * with ISO-8601 times carrying their offset, then a few more fields for tools.
 */
final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {}

    static String render(TrainSpec train, TrainSchedule schedule, ZoneId zone) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eta", iso(schedule.eta(), zone));
        ArrayNode steps = root.putArray("steps");
        for (ScheduledStep s : schedule.steps()) {
            ObjectNode step = steps.addObject();
            step.put("environment", s.step().target().environment());
            step.put("zone", s.step().target().zone());
            step.put("tier", s.step().tier().yamlName());
            step.put("start", iso(s.start(), zone));
            step.put("end", iso(s.end(), zone));
            step.put("index", s.step().index());
            step.put("target", s.step().target().id());
            step.put("provider", s.step().provider());
            step.put("region", s.step().region());
            step.put("soakAfter", s.step().soakAfter().toString());
            step.put("bakeAfter", s.step().bakeAfter().toString());
        }
        root.put("service", train.service());
        train.version().ifPresent(v -> root.put("version", v));
        train.versionFrom().ifPresent(from -> {
            ObjectNode source = root.putObject("versionFrom");
            from.environment().ifPresent(e -> source.put("environment", e));
            source.put("bakedFor", from.bakedFor().toString());
            source.put("source", from.query().map(q -> q.system().field()).orElse("ledger"));
            from.query().ifPresent(q -> source.put("query", q.template()));
        });
        root.put("start", iso(schedule.start(), zone));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String iso(Instant t, ZoneId zone) {
        return t.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
