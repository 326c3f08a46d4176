package io.jenkins.plugins.deploytrain.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code gates:} section of train.yaml, reporting every problem at once
 * with file, line, field and value.
 *
 * <pre>
 * gates:
 *   default:
 *     - name: error-ratio
 *       prometheus: {query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}"} &gt; 0.05', mustStayEmptyFor: 5m}
 *     - name: no-pages
 *       alerts: {matchers: ['severity="page"', 'environment="${TRAIN_ENVIRONMENT}"']}
 *   production:
 *     - datadog: {ids: [1234], query: 'tag:"service:web"', downtimeScope: 'env:${TRAIN_ENVIRONMENT}'}
 *     - bake: 30m
 * </pre>
 */
public final class GatesConfigReader {

    public static final Set<String> DEFAULT_TIERS = Set.of("staging", "shadow", "primary", "production", "dedicated");
    private static final Set<String> KINDS = Set.of("prometheus", "alerts", "datadog", "bake");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DATADOG_SCOPE = Pattern.compile("[A-Za-z0-9_.:/\\-${}]+(,[A-Za-z0-9_.:/\\-${}]+)*");

    private final Set<String> tiers;

    public GatesConfigReader() {
        this(DEFAULT_TIERS);
    }

    public GatesConfigReader(Set<String> tiers) {
        this.tiers = Set.copyOf(tiers);
    }

    /** Reads the {@code gates:} section of a whole train.yaml document. */
    public GatesConfig readTrainYaml(SourceLocations document) throws GateConfigException {
        JsonNode gates = document.root().path("gates");
        return read(gates, "/gates", document);
    }

    /**
     * Reads a {@code gates:} node. {@code pointer} is where the node sits in the document (for example
     * {@code /gates}), so that problems point at the right line.
     */
    public GatesConfig read(JsonNode gates, String pointer, SourceLocations source) throws GateConfigException {
        var run = new Run(source);
        if (gates == null || gates.isMissingNode() || gates.isNull()) {
            return GatesConfig.NONE;
        }
        if (!gates.isObject()) {
            run.problem(pointer, "gates", gates, "must be a map of tier (or 'default') to a list of gates");
            throw new GateConfigException(run.problems);
        }
        List<GateSpec> defaults = List.of();
        Map<String, List<GateSpec>> byTier = new LinkedHashMap<>();
        var fields = gates.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String tier = e.getKey();
            String at = pointer + "/" + escape(tier);
            String field = "gates." + tier;
            if (!tier.equals("default") && !tiers.contains(tier)) {
                run.problem(at, field, null, "unknown tier '" + tier + "'; expected 'default' or one of " + sorted(tiers));
                continue;
            }
            List<GateSpec> specs = run.gateList(e.getValue(), at, field);
            if (tier.equals("default")) {
                defaults = specs;
            } else {
                byTier.put(tier, specs);
            }
        }
        if (!run.problems.isEmpty()) {
            throw new GateConfigException(run.problems);
        }
        return new GatesConfig(defaults, byTier);
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.isValueNode() ? node.asText() : node.toString();
    }

    private static final class Run {
        private final SourceLocations source;
        private final List<GateConfigProblem> problems = new ArrayList<>();

        Run(SourceLocations source) {
            this.source = source;
        }

        void problem(String pointer, String field, JsonNode value, String message) {
            var pos = source.at(pointer);
            problems.add(new GateConfigProblem(source.file(), pos.map(SourceLocations.Position::line).orElse(0),
                    pos.map(SourceLocations.Position::column).orElse(0), field, text(value), message));
        }

        List<GateSpec> gateList(JsonNode list, String at, String field) {
            if (!list.isArray()) {
                problem(at, field, list, "must be a list of gates");
                return List.of();
            }
            List<GateSpec> specs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String itemAt = at + "/" + i;
                String itemField = field + "[" + i + "]";
                Optional<GateSpec> spec = gate(list.get(i), itemAt, itemField, i);
                if (spec.isPresent()) {
                    if (!names.add(spec.get().name())) {
                        problem(itemAt + "/name", itemField + ".name", list.get(i).path("name"),
                                "duplicate gate name in this tier");
                    }
                    specs.add(spec.get());
                }
            }
            return specs;
        }

        private Optional<GateSpec> gate(JsonNode node, String at, String field, int index) {
            if (!node.isObject()) {
                problem(at, field, node, "must be a map with a name and one of " + sorted(KINDS));
                return Optional.empty();
            }
            Set<String> kinds = new LinkedHashSet<>();
            var names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (KINDS.contains(key)) {
                    kinds.add(key);
                } else if (!key.equals("name")) {
                    problem(at + "/" + escape(key), field + "." + key, null, "unknown field; expected 'name' or one of " + sorted(KINDS));
                }
            }
            if (kinds.size() != 1) {
                problem(at, field, null, kinds.isEmpty()
                        ? "needs one of " + sorted(KINDS)
                        : "has several kinds " + kinds + "; split it into one gate each");
                return Optional.empty();
            }
            String kind = kinds.iterator().next();
            JsonNode nameNode = node.get("name");
            boolean nameOk = nameNode == null || nameNode.isTextual() && NAME.matcher(nameNode.asText()).matches();
            if (!nameOk) {
                problem(at + "/name", field + ".name", nameNode, "must be letters, digits, '.', '_' or '-'");
            }
            String name = nameNode != null && nameOk ? nameNode.asText() : kind + "-" + (index + 1);
            JsonNode body = node.get(kind);
            String bodyAt = at + "/" + kind;
            String bodyField = field + "." + kind;
            return switch (kind) {
                case "prometheus" -> prometheus(name, body, bodyAt, bodyField);
                case "alerts" -> alerts(name, body, bodyAt, bodyField);
                case "datadog" -> datadog(name, body, bodyAt, bodyField);
                default -> duration(body, bodyAt, bodyField, true).map(d -> new GateSpec.Bake(name, d));
            };
        }

        private Optional<GateSpec> prometheus(String name, JsonNode body, String at, String field) {
            if (!allowedKeys(body, at, field, Set.of("query", "mustStayEmptyFor", "step"))) {
                return Optional.empty();
            }
            JsonNode query = body.get("query");
            boolean ok = true;
            if (query == null || !query.isTextual() || query.asText().isBlank()) {
                problem(at, field + ".query", query, "a PromQL expression is required");
                ok = false;
            } else {
                for (String p : PromqlTemplate.problems(query.asText())) {
                    problem(at + "/query", field + ".query", query, p);
                    ok = false;
                }
            }
            Optional<Duration> stay = body.has("mustStayEmptyFor")
                    ? duration(body.get("mustStayEmptyFor"), at + "/mustStayEmptyFor", field + ".mustStayEmptyFor", false)
                    : Optional.of(Duration.ZERO);
            Optional<Duration> step = body.has("step")
                    ? duration(body.get("step"), at + "/step", field + ".step", true)
                    : Optional.of(Duration.ofSeconds(15));
            if (!ok || stay.isEmpty() || step.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new GateSpec.PrometheusQuery(name, query.asText(), stay.get(), step.get()));
        }

        private Optional<GateSpec> alerts(String name, JsonNode body, String at, String field) {
            if (!allowedKeys(body, at, field, Set.of("matchers"))) {
                return Optional.empty();
            }
            JsonNode list = body.get("matchers");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problem(at, field + ".matchers", list, "a non-empty list of label matchers is required, e.g. ['severity=\"page\"']");
                return Optional.empty();
            }
            List<LabelMatcher> matchers = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                try {
                    matchers.add(LabelMatcher.parse(m.asText()));
                } catch (IllegalArgumentException e) {
                    problem(at + "/matchers/" + i, field + ".matchers[" + i + "]", m, e.getMessage());
                }
            }
            return matchers.size() == list.size() ? Optional.of(new GateSpec.PrometheusAlerts(name, matchers)) : Optional.empty();
        }

        private Optional<GateSpec> datadog(String name, JsonNode body, String at, String field) {
            if (!allowedKeys(body, at, field, Set.of("ids", "query", "failingStates", "downtimeScope"))) {
                return Optional.empty();
            }
            boolean ok = true;
            List<Long> ids = new ArrayList<>();
            JsonNode idList = body.path("ids");
            if (!idList.isMissingNode()) {
                if (!idList.isArray()) {
                    problem(at + "/ids", field + ".ids", idList, "must be a list of monitor ids");
                    ok = false;
                } else {
                    for (int i = 0; i < idList.size(); i++) {
                        JsonNode id = idList.get(i);
                        if (id.canConvertToLong() && id.asLong() > 0) {
                            ids.add(id.asLong());
                        } else {
                            problem(at + "/ids/" + i, field + ".ids[" + i + "]", id, "must be a positive monitor id");
                            ok = false;
                        }
                    }
                }
            }
            JsonNode query = body.get("query");
            if (query != null && (!query.isTextual() || query.asText().isBlank())) {
                problem(at + "/query", field + ".query", query, "must be a monitor search query, e.g. 'tag:\"service:web\"'");
                ok = false;
            }
            if (ids.isEmpty() && query == null && ok) {
                problem(at, field, null, "needs 'ids' or 'query'");
                ok = false;
            }
            Set<String> states = new LinkedHashSet<>();
            JsonNode stateList = body.path("failingStates");
            Set<String> known = Set.of("Alert", "Warn", "No Data", "Unknown", "Skipped", "Ignored");
            for (int i = 0; i < stateList.size(); i++) {
                String s = stateList.get(i).asText();
                if (!known.contains(s)) {
                    problem(at + "/failingStates/" + i, field + ".failingStates[" + i + "]", stateList.get(i), "expected one of " + sorted(known));
                    ok = false;
                }
                states.add(s);
            }
            JsonNode scope = body.get("downtimeScope");
            if (scope != null && !DATADOG_SCOPE.matcher(scope.asText()).matches()) {
                problem(at + "/downtimeScope", field + ".downtimeScope", scope, "must be comma-separated tags like 'env:${TRAIN_ENVIRONMENT}'");
                ok = false;
            }
            if (!ok) {
                return Optional.empty();
            }
            return Optional.of(new GateSpec.DatadogMonitors(name, ids, Optional.ofNullable(query).map(JsonNode::asText),
                    states, Optional.ofNullable(scope).map(JsonNode::asText)));
        }

        private boolean allowedKeys(JsonNode body, String at, String field, Set<String> allowed) {
            if (body == null || !body.isObject()) {
                problem(at, field, body, "must be a map with " + sorted(allowed));
                return false;
            }
            boolean ok = true;
            var names = body.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!allowed.contains(key)) {
                    problem(at + "/" + escape(key), field + "." + key, null, "unknown field; expected one of " + sorted(allowed));
                    ok = false;
                }
            }
            return ok;
        }

        private Optional<Duration> duration(JsonNode node, String at, String field, boolean positive) {
            Optional<Duration> d = node != null && node.isValueNode() ? DurationText.parse(node.asText()) : Optional.empty();
            if (d.isEmpty() || d.get().isNegative() || (positive && d.get().isZero())) {
                problem(at, field, node, "must be a " + (positive ? "positive " : "") + "duration like 90s, 5m, 1h30m or PT5M");
                return Optional.empty();
            }
            return d;
        }
    }
}
