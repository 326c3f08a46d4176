package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

class JsonDiffProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Comparator<JsonNode> NUMERIC = (x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue()) : (x.equals(y) ? 0 : 1);

    @Property(tries = 500)
    void aDocumentHasNoDifferenceWithItself(@ForAll("json") JsonNode a) {
        assertThat(JsonDiff.diff(a, a.deepCopy())).isEmpty();
    }

    @Property(tries = 500)
    void theDiffAppliedInOrderTurnsTheFirstDocumentIntoTheSecond(@ForAll("pairs") Tuple.Tuple2<JsonNode, JsonNode> pair) {
        JsonNode a = pair.get1();
        JsonNode b = pair.get2();
        List<JsonNode> patch = JsonDiff.diff(a, b).stream().map(d -> (JsonNode) d.toPatchOperation()).toList();
        JsonNode result = new JsonPatchApplier().apply(a, patch);
        assertThat(result.equals(NUMERIC, b)).as("%s applied to %s gives %s", patch, a, b).isTrue();
    }

    @Property(tries = 500)
    void anEmptyDiffMeansEqualDocuments(@ForAll("json") JsonNode a, @ForAll("json") JsonNode b) {
        assertThat(JsonDiff.diff(a, b).isEmpty()).isEqualTo(a.equals(NUMERIC, b));
    }

    @Property(tries = 500)
    void addingAnIgnoreRuleNeverIncreasesTheUnexpected(
            @ForAll("pairs") Tuple.Tuple2<JsonNode, JsonNode> pair,
            @ForAll("rules") List<Rule> rules, @ForAll("globs") String extraIgnore) {
        JsonNode a = pair.get1();
        JsonNode b = pair.get2();
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule(extraIgnore, new RuleAction.Ignore()));

        PairDiff before = new ShadowDiffer(rules).compare(a, b);
        PairDiff after = new ShadowDiffer(more).compare(a, b);

        Statistics.collect(before.outcome(), after.outcome());
        assertThat(after.unexpected().size()).isLessThanOrEqualTo(before.unexpected().size());
        if (before.outcome() != PairOutcome.UNEXPECTED) {
            assertThat(after.outcome()).isNotEqualTo(PairOutcome.UNEXPECTED);
        }
    }

    @Property(tries = 500)
    void rulesOnlyEverAcceptDifferencesTheyDoNotInvent(
            @ForAll("pairs") Tuple.Tuple2<JsonNode, JsonNode> pair, @ForAll("rules") List<Rule> rules) {
        JsonNode a = pair.get1();
        JsonNode b = pair.get2();
        PairDiff strict = new ShadowDiffer(List.of()).compare(a, b);
        PairDiff ruled = new ShadowDiffer(rules).compare(a, b);
        assertThat(ruled.outcome() == PairOutcome.EQUAL).isEqualTo(strict.outcome() == PairOutcome.EQUAL);
    }

    /** A document and a variant of it that keeps most of it: the shape of a primary and a shadow response. */
    @Provide
    Arbitrary<Tuple.Tuple2<JsonNode, JsonNode>> pairs() {
        return net.jqwik.api.Combinators.combine(json(), json(), Arbitraries.longs())
                .as((a, other, seed) -> Tuple.of(a, variant(a, other, new Random(seed))));
    }

    private static JsonNode variant(JsonNode a, JsonNode other, Random random) {
        int dice = random.nextInt(10);
        if (dice == 0) {
            return other;
        }
        if (a.isObject()) {
            ObjectNode copy = NODES.objectNode();
            a.properties().forEach(e -> {
                if (random.nextInt(8) != 0) {
                    copy.set(e.getKey(), variant(e.getValue(), other, random));
                }
            });
            if (dice == 1) {
                copy.set("new", other);
            }
            return copy;
        }
        if (a.isArray()) {
            var copy = NODES.arrayNode();
            a.forEach(item -> copy.add(variant(item, other, random)));
            if (dice == 1) {
                copy.add(other);
            } else if (dice == 2 && copy.size() > 1) {
                copy.insert(0, copy.remove(copy.size() - 1));
            }
            return copy;
        }
        return dice < 3 ? other : a;
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return value(3);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).map(NODES::numberNode),
                Arbitraries.of("1.0", "2.50", "0.1").map(s -> NODES.numberNode(new BigDecimal(s))),
                Arbitraries.of("x", "y", "a/b~c").map(NODES::textNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d/e", "~f"), value(depth - 1))
                .ofMaxSize(4)
                .map(JsonDiffProperties::object);
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(4).map(items -> {
            var node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(2, object), Tuple.of(2, array));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode node = NODES.objectNode();
        fields.forEach(node::set);
        return node;
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.of("a", "b", "c", "d~1e", "0", "1", "*", "**", "?*")
                .list().ofMaxSize(3)
                .map(segments -> segments.isEmpty() ? "" : "/" + String.join("/", segments).replace("?*", "d*"));
    }

    @Provide
    Arbitrary<List<Rule>> rules() {
        Arbitrary<RuleAction> action = Arbitraries.of(
                new RuleAction.Ignore(),
                new RuleAction.AcceptAdded(),
                new RuleAction.Unordered(),
                new RuleAction.AcceptPattern(Pattern.compile("[a-z]|[0-9.]+")),
                new RuleAction.AcceptTolerance(Optional.of(BigDecimal.ONE), Optional.empty()),
                new RuleAction.AcceptTolerance(Optional.empty(), Optional.of(new BigDecimal("0.5"))));
        return net.jqwik.api.Combinators.combine(globs(), action).as(JsonDiffProperties::rule).list().ofMaxSize(4);
    }

    private static Rule rule(String glob, RuleAction action) {
        return new Rule("r", PathGlob.parse(glob), action, "property test", Optional.empty(), 0);
    }
}
