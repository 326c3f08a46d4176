package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.config.Location;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.gate.PromqlTemplate;
import io.jenkins.plugins.deploytrain.gate.TargetVariables;
import io.jenkins.plugins.deploytrain.gate.TemplateException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A daily train's question to the monitoring system: which versions ran in the environment, as series that
 * carry a {@code version} label (Prometheus) or tag (Datadog). {@code template} may use the environment's
 * variables ({@code ${environment}}, ...); {@code where} is its line in the train file, for errors found at run time.
 */
public record BakedQuery(System system, String template, Location where) {

    public enum System {
        PROMETHEUS("prometheus", "Prometheus"),
        DATADOG("datadog", "Datadog");

        private final String field;
        private final String label;

        System(String field, String label) {
            this.field = field;
            this.label = label;
        }

        /** The key under {@code versionFrom}. */
        public String field() {
            return field;
        }

        public String label() {
            return label;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    /** The field's path in the train file, as errors name it. */
    public String field() {
        return "versionFrom." + system.field();
    }

    @Override
    public String toString() {
        return system.label() + " " + template;
    }

    /** Problems of the template's form, found without a fleet (a PromQL placeholder outside a quoted label value). */
    public List<String> formProblems() {
        return system == System.PROMETHEUS ? PromqlTemplate.problems(template) : List.of();
    }

    public boolean hasPlaceholders() {
        return PLACEHOLDER.matcher(template).find();
    }

    /**
     * The query to send, with the environment's variables: in PromQL escaped for the label value they stand in
     * (as the gates' queries are), in Datadog made a valid tag value (as Datadog itself normalises tags), so a
     * value cannot change the query's shape.
     *
     * @throws TemplateException for a variable the environment does not have
     */
    public String render(Map<String, String> variables) {
        return system == System.PROMETHEUS
                ? PromqlTemplate.render(template, variables)
                : PromqlTemplate.substitute(template, variables, BakedQuery::datadogTagValue);
    }

    /**
     * The variables of the environment the query asks about: the gates' {@code TRAIN_*} names and the short
     * {@code environment}, {@code region}, {@code provider}, {@code tier}, {@code service}.
     */
    public static Map<String, String> variables(Environment environment, String service) {
        return TargetVariables.ofEnvironment(environment, service);
    }

    /** The environment a selector reads: the named one, else the fleet's primary; empty when there is none. */
    public static Optional<Environment> environment(Fleet fleet, Optional<String> named) {
        return named.isPresent()
                ? fleet.environment(named.get())
                : fleet.environments().stream().filter(e -> e.tier() == Tier.PRIMARY).findFirst();
    }

    /** Datadog tag values are lower case, of letters, digits and {@code _-:./}; anything else becomes {@code _}. */
    static String datadogTagValue(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\-:./]", "_");
    }
}
