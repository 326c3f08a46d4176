package io.jenkins.plugins.deploytrain.gate;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigMap;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigValue;
import io.jenkins.plugins.deploytrain.config.Problems;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code gates:} section of train.yaml (kept raw by the train loader),
 * reporting every problem at once with file, line, field and value.
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

    private static final List<String> KINDS = List.of("prometheus", "alerts", "datadog", "bake");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DATADOG_SCOPE = Pattern.compile("[A-Za-z0-9_.:/\\-${}*]+(,[A-Za-z0-9_.:/\\-${}*]+)*");
    private static final List<String> DATADOG_STATES = List.of("Alert", "Warn", "No Data", "Unknown", "Skipped", "Ignored");

    private GatesConfigReader() {
    }

    /** Reads the section; throws {@link ConfigException} with every problem found. */
    public static GatesConfig read(ConfigNode gates) {
        Problems problems = new Problems();
        GatesConfig config = read(new ConfigValue(gates, "gates", problems));
        problems.throwIfAny();
        return config;
    }

    /** Reads the section into {@code problems} (for a caller validating a whole train.yaml at once). */
    public static GatesConfig read(ConfigValue gates) {
        if (gates.isNull()) {
            return GatesConfig.NONE;
        }
        Optional<ConfigMap> map = gates.asMap();
        if (map.isEmpty()) {
            return GatesConfig.NONE;
        }
        List<String> sections = new ArrayList<>();
        sections.add("default");
        Arrays.stream(Tier.values()).map(Tier::yamlName).forEach(sections::add);
        map.get().rejectUnknown(sections);
        List<GateSpec> defaults = List.of();
        Map<String, List<GateSpec>> byTier = new LinkedHashMap<>();
        for (var e : map.get().entries()) {
            if (!sections.contains(e.getKey()) || e.getValue().isNull()) {
                continue;
            }
            List<GateSpec> specs = gateList(e.getValue());
            if (e.getKey().equals("default")) {
                defaults = specs;
            } else {
                byTier.put(e.getKey(), specs);
            }
        }
        return new GatesConfig(defaults, byTier);
    }

    private static List<GateSpec> gateList(ConfigValue list) {
        List<GateSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ConfigValue> items = list.asList().orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            ConfigValue item = items.get(i);
            Optional<GateSpec> spec = gate(item, i);
            if (spec.isPresent()) {
                if (!names.add(spec.get().name())) {
                    item.asMap().flatMap(m -> m.optional("name")).orElse(item)
                            .problem("duplicate gate name '" + spec.get().name() + "' in this tier");
                }
                specs.add(spec.get());
            }
        }
        return specs;
    }

    private static Optional<GateSpec> gate(ConfigValue item, int index) {
        Optional<ConfigMap> map = item.asMap();
        if (map.isEmpty()) {
            return Optional.empty();
        }
        ConfigMap m = map.get();
        List<String> known = new ArrayList<>(KINDS);
        known.add(0, "name");
        m.rejectUnknown(known);
        Set<String> kinds = new LinkedHashSet<>(m.keys());
        kinds.retainAll(KINDS);
        if (kinds.size() != 1) {
            item.problem(kinds.isEmpty()
                    ? "a gate needs one of " + String.join(", ", KINDS)
                    : "a gate has one kind, found " + String.join(", ", kinds) + "; split it into one gate each");
            return Optional.empty();
        }
        String kind = kinds.iterator().next();
        Optional<String> explicit = m.get("name", v -> v.asName().filter(n -> {
            if (!NAME.matcher(n).matches()) {
                v.problem("a gate name is letters, digits, '.', '_' or '-'");
                return false;
            }
            return true;
        }));
        String name = explicit.orElse(kind + "-" + (index + 1));
        ConfigValue body = m.optional(kind).orElse(null);
        if (body == null) {
            m.required(kind);
            return Optional.empty();
        }
        return switch (kind) {
            case "prometheus" -> prometheus(name, body);
            case "alerts" -> alerts(name, body);
            case "datadog" -> datadog(name, body);
            default -> positive(body).map(d -> new GateSpec.Bake(name, d));
        };
    }

    private static Optional<GateSpec> prometheus(String name, ConfigValue body) {
        Optional<ConfigMap> map = body.asMap();
        if (map.isEmpty()) {
            return Optional.empty();
        }
        ConfigMap m = map.get();
        m.rejectUnknown("query", "mustStayEmptyFor", "step");
        Optional<String> query = m.required("query").flatMap(q -> q.asName().filter(text -> {
            PromqlTemplate.problems(text).forEach(q::problem);
            return PromqlTemplate.problems(text).isEmpty();
        }));
        Optional<Duration> stay = m.optional("mustStayEmptyFor").map(ConfigValue::asDuration).orElse(Optional.of(Duration.ZERO));
        Optional<Duration> step = m.optional("step").map(GatesConfigReader::positive).orElse(Optional.of(Duration.ofSeconds(15)));
        if (query.isEmpty() || stay.isEmpty() || step.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GateSpec.PrometheusQuery(name, query.get(), stay.get(), step.get()));
    }

    private static Optional<GateSpec> alerts(String name, ConfigValue body) {
        Optional<ConfigMap> map = body.asMap();
        if (map.isEmpty()) {
            return Optional.empty();
        }
        map.get().rejectUnknown("matchers");
        List<ConfigValue> items = map.get().required("matchers").flatMap(ConfigValue::asList).orElse(List.of());
        if (items.isEmpty()) {
            map.get().optional("matchers").ifPresent(v -> v.problem("needs at least one label matcher, e.g. severity=\"page\""));
            return Optional.empty();
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        for (ConfigValue item : items) {
            item.as("label matcher", LabelMatcher::parse).ifPresent(matchers::add);
        }
        return matchers.size() == items.size() ? Optional.of(new GateSpec.PrometheusAlerts(name, matchers)) : Optional.empty();
    }

    private static Optional<GateSpec> datadog(String name, ConfigValue body) {
        Optional<ConfigMap> map = body.asMap();
        if (map.isEmpty()) {
            return Optional.empty();
        }
        ConfigMap m = map.get();
        m.rejectUnknown("ids", "query", "failingStates", "downtimeScope");
        boolean ok = true;
        List<Long> ids = new ArrayList<>();
        for (ConfigValue id : m.optional("ids").flatMap(ConfigValue::asList).orElse(List.of())) {
            Optional<Long> parsed = id.as("monitor id", Long::parseLong).filter(v -> {
                if (v <= 0) {
                    id.problem("a monitor id is a positive number");
                }
                return v > 0;
            });
            ok &= parsed.isPresent();
            parsed.ifPresent(ids::add);
        }
        Optional<String> query = m.get("query", ConfigValue::asName);
        if (ids.isEmpty() && query.isEmpty() && ok) {
            m.optional("ids").orElse(body).problem("a Datadog gate needs 'ids' or 'query'");
            ok = false;
        }
        Set<String> states = new LinkedHashSet<>();
        for (ConfigValue state : m.optional("failingStates").flatMap(ConfigValue::asList).orElse(List.of())) {
            Optional<String> s = state.asName().filter(DATADOG_STATES::contains);
            if (s.isEmpty()) {
                state.problem("unknown monitor state (expected one of " + String.join(", ", DATADOG_STATES) + ")");
                ok = false;
            }
            s.ifPresent(states::add);
        }
        Optional<String> scope = m.get("downtimeScope", v -> v.asName().filter(s -> {
            if (!DATADOG_SCOPE.matcher(s).matches()) {
                v.problem("a downtime scope is comma-separated tags, e.g. env:${TRAIN_ENVIRONMENT}");
                return false;
            }
            return true;
        }));
        if (!ok || m.optional("downtimeScope").isPresent() && scope.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GateSpec.DatadogMonitors(name, ids, query, states, scope));
    }

    private static Optional<Duration> positive(ConfigValue value) {
        return value.asDuration().filter(d -> {
            if (d.isZero()) {
                value.problem("must be longer than 0");
            }
            return !d.isZero();
        });
    }
}
