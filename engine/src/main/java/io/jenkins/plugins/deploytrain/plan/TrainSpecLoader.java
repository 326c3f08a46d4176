package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.config.ConfigMap;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigValue;
import io.jenkins.plugins.deploytrain.config.Problems;
import io.jenkins.plugins.deploytrain.config.YamlTree;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseScope;
import io.jenkins.plugins.deploytrain.gate.TemplateException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads {@code train.yaml} (or Pipeline maps). With a fleet, names the train refers to (windows,
 * environments in {@code order} and {@code versionFrom}) are checked too, at their lines.
 */
public final class TrainSpecLoader {

    static final Duration DEFAULT_ZONE_DEPLOY_ESTIMATE = Duration.ofMinutes(30);

    private static final List<String> FIELDS = Stream.concat(Stream.of("service", "version", "versionFrom", "fleet",
                    "allowed", "bake", "soakAfterZone", "soakAfterEnvironment", "zoneDeployEstimate", "order", "sort", "select"),
            TrainSpec.EXTENSION_SECTIONS.stream()).toList();

    private final Problems problems = new Problems();
    private final Optional<Fleet> fleet;

    private TrainSpecLoader(Optional<Fleet> fleet) {
        this.fleet = fleet;
    }

    public static TrainSpec load(Path file) {
        return read(YamlTree.read(file), Optional.empty());
    }

    /** Reads the train and checks every name it uses against {@code fleet}. */
    public static TrainSpec load(Path file, Fleet fleet) {
        return read(YamlTree.read(file), Optional.of(fleet));
    }

    public static TrainSpec parse(String yaml, String sourceName, Optional<Fleet> fleet) {
        return read(YamlTree.parse(yaml, sourceName), fleet);
    }

    /** Builds a train from plain maps and lists (a Pipeline step's arguments), with the same validation. */
    public static TrainSpec fromTree(Object mapsAndLists, String sourceName, Optional<Fleet> fleet) {
        return read(YamlTree.fromObject(mapsAndLists, sourceName), fleet);
    }

    public static TrainSpec read(ConfigNode root, Optional<Fleet> fleet) {
        return new TrainSpecLoader(fleet).train(root);
    }

    private TrainSpec train(ConfigNode root) {
        ConfigMap top = ConfigValue.root(root, problems).asMap().orElse(null);
        if (top == null) {
            problems.throwIfAny();
        }
        top.rejectUnknown(FIELDS);
        Optional<String> service = top.require("service", v -> checked(v, ReleaseNames::serviceProblem));
        Optional<String> version = top.get("version", v -> checked(v, ReleaseNames::versionProblem));
        Optional<VersionSelector> versionFrom = top.get("versionFrom", this::versionSelector);
        if (top.optional("version").isPresent() && top.optional("versionFrom").isPresent()) {
            problems.add(top.keyLocation("versionFrom"), "versionFrom", null,
                    "give either 'version' or 'versionFrom', not both");
        } else if (top.optional("version").isEmpty() && top.optional("versionFrom").isEmpty()) {
            problems.add(top.location(), "version", null, "missing required field 'version' (or 'versionFrom' for a daily train)");
        }
        String fleetFile = top.get("fleet", ConfigValue::asName).orElse("");
        List<String> allowed = windowNames(top);
        Duration bake = duration(top, "bake");
        Duration soakAfterZone = duration(top, "soakAfterZone");
        Duration soakAfterEnvironment = duration(top, "soakAfterEnvironment");
        Duration estimate = top.get("zoneDeployEstimate", ConfigValue::asDuration).orElse(DEFAULT_ZONE_DEPLOY_ESTIMATE);
        if (estimate.isZero()) {
            top.optional("zoneDeployEstimate").ifPresent(v -> v.problem("a zone's deploy takes some time; give an estimate above 0"));
        }
        List<Glob> order = order(top);
        EnvironmentSort sort = top.get("sort", v -> v.asEnum(EnvironmentSort.class, "sort")).orElse(EnvironmentSort.FLEET);
        Selection select = top.get("select", this::selection).orElse(Selection.ALL);
        // read again by the hosts from the raw section (LeaseScope.read); checked here so every problem is told at once
        top.get("exclusive", v -> v.asEnum(LeaseScope.class, "exclusive scope"));
        problems.throwIfAny();
        return new TrainSpec(service.orElseThrow(), version, versionFrom, fleetFile, allowed, bake, soakAfterZone,
                soakAfterEnvironment, estimate, order, sort, select, top.raw(TrainSpec.EXTENSION_SECTIONS));
    }

    private static Optional<String> checked(ConfigValue value, Function<String, Optional<String>> problem) {
        return value.asName().filter(name -> {
            Optional<String> why = problem.apply(name);
            why.ifPresent(value::problem);
            return why.isEmpty();
        });
    }

    private static Duration duration(ConfigMap top, String key) {
        return top.get(key, ConfigValue::asDuration).orElse(Duration.ZERO);
    }

    private Optional<VersionSelector> versionSelector(ConfigValue value) {
        return value.asMap().flatMap(m -> {
            m.rejectUnknown("environment", "bakedFor", "prometheus", "datadog");
            Optional<String> environment = m.get("environment", ConfigValue::asName);
            environment.ifPresent(name -> knownEnvironment(m.optional("environment").orElseThrow(), name));
            Optional<BakedQuery> query = bakedQuery(m, BakedQuery.System.PROMETHEUS).or(() -> bakedQuery(m, BakedQuery.System.DATADOG));
            if (m.optional("prometheus").isPresent() && m.optional("datadog").isPresent()) {
                m.optional("datadog").orElseThrow().problem("give either 'prometheus' or 'datadog', not both: the baked version is read from one system");
            }
            query.ifPresent(q -> fleet.ifPresent(f -> renderable(m.optional(q.system().field()).orElseThrow(), q, f, environment)));
            return m.require("bakedFor", ConfigValue::asDuration).map(d -> new VersionSelector(environment, d, query));
        });
    }

    private Optional<BakedQuery> bakedQuery(ConfigMap versionFrom, BakedQuery.System system) {
        return versionFrom.optional(system.field()).flatMap(v -> v.asName().flatMap(text -> {
            BakedQuery query = new BakedQuery(system, text, v.location());
            List<String> form = query.formProblems();
            form.forEach(v::problem);
            return form.isEmpty() ? Optional.of(query) : Optional.empty();
        }));
    }

    /** With the fleet known, the query must render for the environment it asks about (known variables only). */
    private void renderable(ConfigValue value, BakedQuery query, Fleet fleet, Optional<String> named) {
        if (!query.hasPlaceholders()) {
            return;
        }
        Optional<Environment> environment = BakedQuery.environment(fleet, named);
        if (environment.isEmpty()) {
            if (named.isEmpty()) {
                value.problem("the query uses variables of the primary, but the fleet has no primary environment: name one with 'versionFrom.environment'");
            }
            return;
        }
        try {
            query.render(BakedQuery.variables(environment.get(), "service"));
        } catch (TemplateException e) {
            value.problem(e.getMessage());
        }
    }

    private List<String> windowNames(ConfigMap top) {
        List<String> names = new ArrayList<>();
        top.get("allowed", ConfigValue::asList).orElse(List.of()).forEach(item -> item.asName().ifPresent(name -> {
            if (fleet.isPresent() && fleet.get().window(name).isEmpty()) {
                item.problem("unknown window '" + name + "' (the fleet defines: " + String.join(", ", fleet.get().windows().keySet()) + ")");
            }
            names.add(name);
        }));
        return names;
    }

    private List<Glob> order(ConfigMap top) {
        List<Glob> order = new ArrayList<>();
        top.get("order", ConfigValue::asList).orElse(List.of()).forEach(item -> item.asName().ifPresent(text -> {
            Glob glob = Glob.of(text);
            fleet.ifPresent(f -> {
                List<Environment> matched = f.environments().stream().filter(e -> glob.matches(e.name())).toList();
                if (matched.isEmpty()) {
                    item.problem("'" + text + "' matches no environment of the fleet");
                } else if (matched.stream().anyMatch(e -> e.tier() != Tier.PRODUCTION && e.tier() != Tier.DEDICATED)) {
                    item.problem("'" + text + "' matches a " + matched.stream()
                            .filter(e -> e.tier() != Tier.PRODUCTION && e.tier() != Tier.DEDICATED).findFirst().orElseThrow().tier().yamlName()
                            + " environment; 'order' arranges production and dedicated environments only");
                }
            });
            order.add(glob);
        }));
        return order;
    }

    private Optional<Selection> selection(ConfigValue value) {
        return value.asMap().map(m -> {
            m.rejectUnknown("environments", "labels", "tiers");
            List<Glob> names = m.stringList("environments").stream().map(Glob::of).toList();
            Set<Tier> tiers = EnumSet.noneOf(Tier.class);
            m.get("tiers", ConfigValue::asList).orElse(List.of())
                    .forEach(t -> t.asEnum(Tier.class, "tier").ifPresent(tiers::add));
            return new Selection(names, m.stringMap("labels"), tiers);
        });
    }

    private void knownEnvironment(ConfigValue value, String name) {
        if (fleet.isPresent() && fleet.get().environment(name).isEmpty()) {
            value.problem("unknown environment '" + name + "'");
        }
    }
}
