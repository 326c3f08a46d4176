package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The differ and each kind of rule on the same GitHub requests recorded years apart. */
class ShadowDifferTest {

    private static final JsonNode REPO_2020 = Fixtures.github("get-repository_v2020-09_normalized");
    private static final JsonNode REPO_2022 = Fixtures.github("get-repository_v2022-07_normalized");
    private static final JsonNode REPO_2022_RAW = Fixtures.github("get-repository_v2022-07_raw");

    private static PairDiff compare(String rulesYaml, JsonNode primary, JsonNode shadow) {
        RuleSet rules = RulesFile.parse("test-rules.yaml", rulesYaml);
        return new ShadowDiffer(rules.activeFor(Optional.empty()).rules()).compare(primary, shadow);
    }

    private static List<String> paths(List<Difference> differences) {
        return differences.stream().map(d -> d.kind() + " " + d.path()).toList();
    }

    @Test
    void findsEveryChangeOfTheRepositoryApiBetween2020And2022() {
        List<Difference> diff = JsonDiff.diff(REPO_2020.get("response"), REPO_2022.get("response"));

        assertThat(paths(diff)).containsExactlyInAnyOrder(
                "CHANGED /owner/avatar_url", "CHANGED /organization/avatar_url",
                "ADDED /permissions/maintain", "ADDED /permissions/triage",
                "ADDED /allow_forking", "ADDED /is_template", "ADDED /web_commit_signoff_required", "ADDED /topics",
                "ADDED /visibility", "ADDED /allow_auto_merge", "ADDED /allow_update_branch",
                "ADDED /use_squash_pr_title_as_default");
        assertThat(diff).contains(Difference.changed("/owner/avatar_url",
                REPO_2020.at("/response/owner/avatar_url"), REPO_2022.at("/response/owner/avatar_url")));
    }

    @Test
    void addedFieldsAndTheNewAvatarHostAreKnownDiscrepancies() throws Exception {
        String rules = """
                rules:
                  - path: /**
                    added: true
                    reason: additive API changes
                  - id: avatar-host
                    path: /**/avatar_url
                    pattern: 'https://avatars[0-9]*\\.githubusercontent\\.com/u/[0-9]+\\?v=4'
                    reason: avatars moved host
                """;
        PairDiff diff = compare(rules, REPO_2020.get("response"), REPO_2022.get("response"));

        assertThat(diff.outcome()).isEqualTo(PairOutcome.EQUAL_AFTER_RULES);
        assertThat(diff.accepted()).hasSize(12);
        assertThat(diff.accepted().stream().filter(a -> a.rule().id().equals("avatar-host"))).hasSize(2);
    }

    @Test
    void withoutTheAvatarRuleOnlyTheAvatarChangesAreUnexpected() throws Exception {
        PairDiff diff = compare("""
                rules:
                  - path: /**
                    added: true
                    reason: additive API changes
                """, REPO_2020.get("response"), REPO_2022.get("response"));

        assertThat(paths(diff.unexpected())).containsExactly("CHANGED /owner/avatar_url", "CHANGED /organization/avatar_url");
    }

    @Test
    void anAddedRuleDoesNotAcceptRemovedFields() throws Exception {
        PairDiff diff = compare("""
                rules:
                  - path: /**
                    added: true
                    reason: additive API changes
                """, REPO_2022.get("response"), REPO_2020.get("response"));

        assertThat(diff.unexpected()).extracting(Difference::kind).contains(ChangeKind.REMOVED);
        assertThat(paths(diff.unexpected())).contains("REMOVED /topics", "REMOVED /permissions/maintain");
    }

    @Test
    void volatileIdsDatesAndCountersOfARawRecordingAreAcceptedByIgnorePatternAndTolerance() throws Exception {
        String rules = """
                rules:
                  - path: /**/id
                    ignore: true
                    reason: database ids
                  - path: /**/node_id
                    ignore: true
                    reason: global ids
                  - path: /**/avatar_url
                    pattern: 'https://avatars\\.githubusercontent\\.com/u/[0-9]+\\?v=4'
                    reason: avatar of the id
                  - path: /*_at
                    pattern: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z'
                    reason: timestamps
                  - id: counters
                    path: /*_count
                    tolerance: { absolute: 50 }
                    reason: counters move
                  - id: counter-aliases
                    path: /*s
                    tolerance: { absolute: 50 }
                    reason: forks and watchers
                  - path: /open_issues
                    tolerance: { absolute: 50 }
                    reason: alias
                """;
        PairDiff diff = compare(rules, REPO_2022.get("response"), REPO_2022_RAW.get("response"));

        assertThat(diff.unexpected()).isEmpty();
        assertThat(diff.outcome()).isEqualTo(PairOutcome.EQUAL_AFTER_RULES);
        assertThat(diff.accepted().stream().filter(a -> a.rule().id().equals("counters"))).hasSize(6);
    }

    @Test
    void aToleranceTooTightLeavesTheCountersUnexpected() throws Exception {
        PairDiff diff = compare("""
                rules:
                  - path: /*_count
                    tolerance: { absolute: 10, relative: 0.5 }
                    reason: counters move a little
                """, REPO_2022.get("response"), REPO_2022_RAW.get("response"));

        // 42 -> 0 is 42 apart and 100% of 42; 42 -> 1 (subscribers) likewise: neither bound holds
        assertThat(paths(diff.unexpected())).contains("CHANGED /stargazers_count", "CHANGED /subscribers_count");
        assertThat(diff.accepted()).isEmpty();
    }

    @Test
    void aRelativeToleranceAcceptsNumericHeadersWrittenAsText() throws Exception {
        JsonNode old = Fixtures.github("get-organization_v2021-01_normalized").get("headers");
        JsonNode now = Fixtures.github("get-organization_v2022-07_normalized").get("headers");
        String rule = """
                rules:
                  - path: /content-length
                    tolerance: { relative: %s }
                    reason: the body grew
                """;

        // 1426 -> 1699 is 16% of the larger value
        assertThat(paths(compare(rule.formatted("0.2"), old, now).unexpected())).doesNotContain("CHANGED /content-length");
        assertThat(paths(compare(rule.formatted("0.1"), old, now).unexpected())).contains("CHANGED /content-length");
    }

    @Test
    void anIgnoredSubtreeIsOneAcceptedDifferenceAtItsTop() throws Exception {
        JsonNode old = Fixtures.github("get-organization_v2021-01_normalized");
        JsonNode now = Fixtures.github("get-organization_v2022-07_normalized");

        PairDiff diff = compare("""
                rules:
                  - id: headers
                    path: /headers
                    ignore: true
                    reason: transport
                """, old, now);

        assertThat(diff.accepted()).singleElement().satisfies(a -> {
            assertThat(a.difference().path()).isEqualTo("/headers");
            assertThat(a.difference().kind()).isEqualTo(ChangeKind.CHANGED);
        });
        assertThat(paths(diff.unexpected())).allMatch(p -> p.startsWith("ADDED /response/"));
    }

    @Test
    void doubleStarAndSegmentWildcardsReachAnyDepthAndKeyShape() throws Exception {
        JsonNode old = Fixtures.github("errors-422_v2021-03_normalized");
        JsonNode now = Fixtures.github("errors-422_v2022-07_normalized");

        PairDiff diff = compare("""
                rules:
                  - path: /**/x-ratelimit-*
                    ignore: true
                    reason: counters
                  - path: /**/access-control-expose-headers
                    ignore: true
                    reason: CORS list
                """, old, now);

        assertThat(diff.outcome()).isEqualTo(PairOutcome.EQUAL_AFTER_RULES);
        assertThat(diff.accepted()).extracting(a -> a.difference().path())
                .containsExactlyInAnyOrder("/headers/access-control-expose-headers", "/headers/x-ratelimit-resource");
    }

    @Test
    void aPatternDoesNotAcceptAValueOutsideIt() throws Exception {
        JsonNode old = Fixtures.github("get-repository_v2020-09_normalized").get("headers");
        JsonNode now = Fixtures.github("get-repository_v2022-07_normalized").get("headers");

        PairDiff strictPattern = compare("""
                rules:
                  - path: /x-xss-protection
                    pattern: '1; mode=block'
                    reason: only the old value
                """, old, now);
        PairDiff bothValues = compare("""
                rules:
                  - path: /x-xss-protection
                    pattern: '1; mode=block|0'
                    reason: the auditor is off on purpose
                """, old, now);

        assertThat(paths(strictPattern.unexpected())).contains("CHANGED /x-xss-protection");
        assertThat(paths(bothValues.unexpected())).doesNotContain("CHANGED /x-xss-protection");
    }

    @Test
    void anUnorderedArrayIgnoresOrderButNotContent() throws Exception {
        JsonNode primary = Fixtures.github("search-issues_v2022-07_normalized").get("response");
        ObjectNode shadow = primary.deepCopy();
        ArrayNode items = (ArrayNode) shadow.get("items");
        items.insert(0, items.remove(1));
        String unordered = """
                rules:
                  - path: /items
                    unordered: true
                    reason: search hits with equal score come in any order
                """;

        assertThat(JsonDiff.diff(primary, shadow)).isNotEmpty();
        PairDiff reordered = compare(unordered, primary, shadow);
        assertThat(reordered.outcome()).isEqualTo(PairOutcome.EQUAL_AFTER_RULES);
        assertThat(reordered.accepted()).singleElement().satisfies(a -> assertThat(a.difference().path()).isEqualTo("/items"));
        assertThat(compare(unordered, primary, primary).outcome()).isEqualTo(PairOutcome.EQUAL);

        ((ObjectNode) items.get(0)).put("title", "a different title");
        PairDiff changed = compare(unordered, primary, shadow);
        assertThat(paths(changed.unexpected())).containsExactlyInAnyOrder("REMOVED /items/1", "ADDED /items/0");
    }

    @Test
    void unorderedElementsPairUpWhenTheirDifferencesAreAccepted() throws Exception {
        JsonNode primary = Fixtures.github("search-issues_v2021-05_normalized").get("response");
        ObjectNode shadow = Fixtures.github("search-issues_v2022-07_normalized").get("response").deepCopy();
        ArrayNode items = (ArrayNode) shadow.get("items");
        items.insert(0, items.remove(1));

        PairDiff diff = compare("""
                rules:
                  - path: /items
                    unordered: true
                    reason: any order
                  - id: new-issue-fields
                    path: /items/*/*
                    added: true
                    reason: reactions, timeline_url and state_reason are new in 2022
                """, primary, shadow);

        assertThat(diff.outcome()).isEqualTo(PairOutcome.EQUAL_AFTER_RULES);
        // paired elements are reported at the primary's index: issue 2 is items/0 in the primary
        assertThat(diff.accepted()).extracting(a -> a.difference().path())
                .contains("/items/0/reactions", "/items/1/state_reason");
        assertThat(diff.accepted().stream().filter(a -> a.difference().path().equals("/items/0/timeline_url")))
                .singleElement()
                .satisfies(a -> assertThat(a.difference().newValue().asText()).endsWith("/issues/2/timeline"));
    }

    @Test
    void numbersCompareByValue() throws Exception {
        JsonNode a = Fixtures.JSON.readTree("{\"ratio\": 1, \"n\": [2.50]}");
        JsonNode b = Fixtures.JSON.readTree("{\"ratio\": 1.0, \"n\": [2.5]}");
        assertThat(JsonDiff.diff(a, b)).isEmpty();
    }

    @Test
    void pointersEscapeSlashAndTilde() throws Exception {
        JsonNode a = Fixtures.JSON.readTree("{\"a/b\": {\"m~n\": 1}}");
        JsonNode b = Fixtures.JSON.readTree("{\"a/b\": {\"m~n\": 2}}");
        assertThat(JsonDiff.diff(a, b)).extracting(Difference::path).containsExactly("/a~1b/m~0n");

        PairDiff ignored = compare("""
                rules:
                  - path: /a~1b/m~0n
                    ignore: true
                    reason: escaped keys
                """, a, b);
        assertThat(ignored.outcome()).isEqualTo(PairOutcome.EQUAL_AFTER_RULES);
    }
}
