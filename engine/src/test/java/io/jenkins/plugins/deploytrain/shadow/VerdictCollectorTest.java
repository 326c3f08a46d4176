package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The verdict over the five GitHub requests recorded in two versions, plus one identical pair. */
class VerdictCollectorTest {

    private static final String[][] SCENARIOS = {
        {"errors-422_v2021-03", "errors-422_v2022-07"},
        {"get-organization_v2021-01", "get-organization_v2022-07"},
        {"get-repository_v2020-09", "get-repository_v2022-07"},
        {"get-root_v2020-10", "get-root_v2022-07"},
        {"search-issues_v2021-05", "search-issues_v2022-07"},
    };

    private static final String HEADER_RULES = """
            rules:
              - id: headers-changed
                path: /headers/*
                ignore: true
                reason: transport headers
              - id: new-fields
                path: /response/**
                added: true
                reason: additive changes
              - id: never-needed
                path: /response/login
                ignore: true
                reason: stale
              - id: expired
                path: /response/**/avatar_url
                ignore: true
                reason: avatar host moved
                expires: 1.0
            """;

    private static ShadowVerdict verdict(String rules, Optional<String> version, Thresholds thresholds) throws Exception {
        VerdictCollector collector = new VerdictCollector(
                RulesFile.parse("rules.yaml", rules).activeFor(version), thresholds, 2);
        long line = 1;
        for (String[] s : SCENARIOS) {
            collector.pair(pair(line++, Fixtures.github(s[0] + "_normalized"), Fixtures.github(s[1] + "_normalized")));
        }
        JsonNode same = Fixtures.github("get-root_v2022-07_normalized");
        collector.pair(pair(line++, same, same));
        collector.badLine(line, "not valid JSON at column 3: boom");
        return collector.verdict();
    }

    private static RecordedPair pair(long line, JsonNode old, JsonNode now) {
        ObjectNode request = Fixtures.JSON.createObjectNode();
        request.put("method", now.get("method").asText()).put("path", now.get("path").asText());
        request.set("headers", now.get("reqheaders"));
        ObjectNode primary = Fixtures.JSON.createObjectNode().setAll(java.util.Map.of("headers", old.get("headers"), "response", old.get("response")));
        ObjectNode shadow = Fixtures.JSON.createObjectNode().setAll(java.util.Map.of("headers", now.get("headers"), "response", now.get("response")));
        return new RecordedPair(line, request, primary, shadow);
    }

    @Test
    void countsEachOutcomeAndPassesWhenOnlyKnownDiscrepanciesRemain() throws Exception {
        ShadowVerdict v = verdict(HEADER_RULES, Optional.of("0.9"), Thresholds.strict());

        assertThat(v.passed()).isTrue();
        assertThat(v.failures()).isEmpty();
        assertThat(v.total()).isEqualTo(6);
        assertThat(v.equal()).isEqualTo(1);
        assertThat(v.equalAfterRules()).isEqualTo(5);
        assertThat(v.unexpected()).isZero();
        assertThat(v.badLines()).isEqualTo(1);
        assertThat(v.badLineSamples()).containsExactly(new ShadowVerdict.BadLine(7, "not valid JSON at column 3: boom"));
    }

    @Test
    void countsHowOftenEachRuleWasNeededAndWarnsAboutUnusedOnes() throws Exception {
        ShadowVerdict v = verdict(HEADER_RULES, Optional.of("0.9"), Thresholds.strict());

        assertThat(v.rules()).extracting(u -> u.rule().id() + " " + u.differences() + "/" + u.pairs()).containsExactly(
                // headers: errors-422 2, organization 5, repository 6, root 5, search 2;
                // new fields: organization 6, repository 10, root 1, search 6 (3 in each of 2 items)
                "headers-changed 20/5",
                "new-fields 23/4",
                "never-needed 0/0",
                "expired 2/1");
        assertThat(v.warnings()).containsExactly(
                "rule 'never-needed' (line 10) accepted nothing in 6 pairs: the discrepancy may be gone, consider removing it");
    }

    @Test
    void anExpiredRuleTurnsItsDiscrepancyUnexpectedAndTheVerdictFails() throws Exception {
        ShadowVerdict v = verdict(HEADER_RULES, Optional.of("1.1"), Thresholds.strict());

        assertThat(v.passed()).isFalse();
        assertThat(v.unexpected()).isEqualTo(1);
        assertThat(v.failures()).containsExactly("1 unexpected pairs, more than the 0 allowed");
        assertThat(v.topPaths()).containsExactly(
                new ShadowVerdict.PathCount("/response/organization/avatar_url", 1),
                new ShadowVerdict.PathCount("/response/owner/avatar_url", 1));
        assertThat(v.warnings()).anyMatch(w -> w.startsWith("rules.yaml:14: rule 'expired' expired after version 1.0"));
        assertThat(v.samples()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(3));
    }

    @Test
    void thresholdsOnCountAndRate() throws Exception {
        String noRules = "rules: []\n";
        ShadowVerdict strict = verdict(noRules, Optional.empty(), Thresholds.strict());
        ShadowVerdict lenientCount = verdict(noRules, Optional.empty(),
                new Thresholds(OptionalLong.of(5), OptionalDouble.empty(), OptionalLong.empty()));
        ShadowVerdict rate = verdict(noRules, Optional.empty(),
                new Thresholds(OptionalLong.empty(), OptionalDouble.of(0.5), OptionalLong.of(0)));

        assertThat(strict.unexpected()).isEqualTo(5);
        assertThat(strict.unexpectedRate()).isEqualTo(5.0 / 6);
        assertThat(strict.passed()).isFalse();
        assertThat(lenientCount.passed()).isTrue();
        assertThat(rate.failures()).containsExactly(
                "unexpected rate 0.8333 (5 of 6 pairs), more than the 0.5 allowed",
                "1 bad lines, more than the 0 allowed");
    }

    @Test
    void topPathsGeneraliseArrayIndicesAndCountPairs() throws Exception {
        ShadowVerdict all = verdict("rules: []\n", Optional.empty(), Thresholds.strict());
        ShadowVerdict bodies = verdict("""
                rules:
                  - path: /headers
                    ignore: true
                    reason: look at bodies only
                """, Optional.empty(), Thresholds.strict());

        assertThat(all.topPaths().get(0)).isEqualTo(new ShadowVerdict.PathCount("/headers/access-control-expose-headers", 5));
        assertThat(all.topPaths()).hasSize(VerdictCollector.TOP_PATHS);
        // both search hits gained reactions: one pair, one generalised path
        assertThat(bodies.topPaths()).contains(new ShadowVerdict.PathCount("/response/items/*/reactions", 1));
        assertThat(VerdictCollector.generalise("/items/12/tags/0")).isEqualTo("/items/*/tags/*");
        assertThat(VerdictCollector.generalise("")).isEmpty();
    }

    @Test
    void samplesAreCappedAndNeverCarryCredentials() throws Exception {
        ShadowVerdict v = verdict("rules: []\n", Optional.empty(), Thresholds.strict());

        assertThat(v.samples()).hasSize(2);
        String rendered = VerdictText.of(v) + VerdictJson.of(v);
        assertThat(rendered).doesNotContain("0000000000000000000000000000000000000001");
        assertThat(v.samples().get(0).request().at("/headers/authorization").asText()).isEqualTo("<redacted>");
        assertThat(v.samples().get(0).request().at("/headers/accept").asText()).isEqualTo("application/vnd.github.v3+json");
    }

    @Test
    void nothingComparedIsAFailure() {
        ShadowVerdict v = new VerdictCollector(new ActiveRules(java.util.List.of(), java.util.List.of()), Thresholds.strict(), 5).verdict();
        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).containsExactly("no pair was compared");
    }

    @Test
    void theTextAndJsonRenderingsCarryTheVerdict() throws Exception {
        ShadowVerdict v = verdict(HEADER_RULES, Optional.of("1.1"), Thresholds.strict());

        String text = VerdictText.of(v);
        assertThat(text).startsWith("shadow-diff FAILED: 1 unexpected pairs, more than the 0 allowed\n"
                + "pairs: 6 compared: 1 equal, 4 equal after rules, 1 unexpected (16.67%); 1 bad line\n");
        assertThat(text).contains("    changed  /response/owner/avatar_url: \"https://avatars2.githubusercontent.com/u/1000?v=4\""
                + " -> \"https://avatars.githubusercontent.com/u/1000?v=4\"");
        assertThat(text).contains("  line 7: not valid JSON at column 3: boom");

        JsonNode json = VerdictJson.of(v);
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.at("/pairs/unexpected").asLong()).isEqualTo(1);
        assertThat(json.at("/samples/0/differences/0/kind").asText()).isEqualTo("changed");
        assertThat(json.at("/samples/0/differences/0/old").asText()).startsWith("https://avatars2.");
        assertThat(json.at("/rules/0/id").asText()).isEqualTo("headers-changed");
        assertThat(json.at("/thresholds/maxUnexpected").asLong()).isZero();
    }
}
