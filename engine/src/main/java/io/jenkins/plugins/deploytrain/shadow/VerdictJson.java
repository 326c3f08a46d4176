package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The verdict as JSON (the format is documented in docs/shadow.md; field names are a contract). */
public final class VerdictJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private VerdictJson() {}

    public static ObjectNode of(ShadowVerdict v) {
        ObjectNode root = NODES.objectNode();
        root.put("passed", v.passed());
        strings(root.putArray("failures"), v.failures());
        ObjectNode pairs = root.putObject("pairs");
        pairs.put("total", v.total());
        pairs.put("equal", v.equal());
        pairs.put("equalAfterRules", v.equalAfterRules());
        pairs.put("unexpected", v.unexpected());
        pairs.put("unexpectedRate", v.unexpectedRate());
        pairs.put("badLines", v.badLines());
        ObjectNode thresholds = root.putObject("thresholds");
        v.thresholds().maxUnexpected().ifPresent(n -> thresholds.put("maxUnexpected", n));
        v.thresholds().maxUnexpectedRate().ifPresent(r -> thresholds.put("maxUnexpectedRate", r));
        v.thresholds().maxBadLines().ifPresent(n -> thresholds.put("maxBadLines", n));
        ArrayNode paths = root.putArray("topPaths");
        v.topPaths().forEach(p -> paths.addObject().put("path", p.path()).put("pairs", p.pairs()));
        root.put("otherPaths", v.otherPaths());
        ArrayNode samples = root.putArray("samples");
        for (ShadowVerdict.Sample s : v.samples()) {
            ObjectNode sample = samples.addObject();
            sample.put("line", s.line());
            if (!s.request().isMissingNode()) {
                sample.set("request", s.request());
            }
            ArrayNode differences = sample.putArray("differences");
            s.differences().forEach(d -> differences.add(difference(d)));
            sample.put("moreDifferences", s.moreDifferences());
        }
        ArrayNode rules = root.putArray("rules");
        for (ShadowVerdict.RuleUse use : v.rules()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", use.rule().id());
            rule.put("path", use.rule().path().text());
            rule.put("action", use.rule().action().describe());
            rule.put("reason", use.rule().reason());
            use.rule().expires().ifPresent(e -> rule.put("expires", e));
            rule.put("line", use.rule().line());
            rule.put("differences", use.differences());
            rule.put("pairs", use.pairs());
        }
        ArrayNode bad = root.putArray("badLines");
        v.badLineSamples().forEach(b -> bad.addObject().put("line", b.line()).put("message", b.message()));
        strings(root.putArray("warnings"), v.warnings());
        return root;
    }

    /** One difference: kind, pointer, and the values that are present. */
    public static ObjectNode difference(Difference d) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("path", d.path());
        putIfPresent(node, "old", d.oldValue());
        putIfPresent(node, "new", d.newValue());
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, JsonNode value) {
        if (!value.isMissingNode()) {
            node.set(field, value);
        }
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }
}
