package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFileTest {

    @Test
    void readsEveryKindOfRule() throws Exception {
        RuleSet set = RulesFile.parse("rules.yaml", """
                rules:
                  - id: ids
                    path: /**/requestId
                    ignore: true
                    reason: volatile
                  - path: /items/*/etag
                    pattern: '"[0-9a-f]+"'
                    reason: hash of the body
                    expires: 2.10
                  - path: /price
                    tolerance: { absolute: 0.01, relative: 0.001 }
                    reason: rounding
                  - path: /**
                    added: true
                    reason: additive changes
                  - path: /tags
                    unordered: true
                    reason: a set
                """);

        assertThat(set.rules()).extracting(Rule::id).containsExactly("ids", "rule-2", "rule-3", "rule-4", "rule-5");
        assertThat(set.rules()).extracting(r -> r.action().describe()).containsExactly(
                "ignore", "pattern \"[0-9a-f]+\"", "tolerance absolute 0.01 relative 0.001", "accept added", "unordered");
        assertThat(set.rules()).extracting(Rule::line).containsExactly(2, 6, 10, 13, 16);
        assertThat(set.rules().get(1).expires()).contains("2.10");
    }

    @Test
    void reportsEveryProblemWithFileLineFieldAndValue() {
        String yaml = """
                rules:
                  - id: one
                    path: items/*/etag
                    ignore: true
                    reason: no leading slash
                  - path: /a
                    patern: 'x'
                    reason: typo in the action
                  - path: /b
                    pattern: '(unclosed'
                    reason: bad regex
                  - path: /c
                    tolerance: { absolute: -1, relativ: 2 }
                    reason: negative bound and a typo
                  - path: /d
                    ignore: yes please
                    added: true
                  - id: dup
                    path: /f
                    ignore: true
                    reason: fine
                  - id: dup
                    path: /e
                    ignore: true
                    reason: duplicate id
                """;

        assertThatThrownBy(() -> RulesFile.parse("shadow-rules.yaml", yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    List<String> problems = e.problems().stream().map(Object::toString).toList();
                    assertThat(problems).containsExactly(
                            "shadow-rules.yaml:3:11: rules[0].path: invalid path 'items/*/etag': a path must be a JSON pointer starting with '/'",
                            "shadow-rules.yaml:6:5: rules[1]: needs exactly one action of ignore, pattern, tolerance, added, unordered; found none",
                            "shadow-rules.yaml:7:5: rules[1].patern: unknown field 'patern' (did you mean 'pattern'? expected one of id, path, reason, expires, ignore, pattern, tolerance, added, unordered)",
                            "shadow-rules.yaml:10:14: rules[2].pattern: not a valid regular expression (Unclosed group near index 9): '(unclosed'",
                            "shadow-rules.yaml:13:28: rules[3].tolerance.absolute: must be 0 or more, found -1",
                            "shadow-rules.yaml:13:32: rules[3].tolerance.relativ: unknown field 'relativ' (did you mean 'relative'? expected one of absolute, relative)",
                            "shadow-rules.yaml:15:5: rules[4].reason: missing required field 'reason'",
                            "shadow-rules.yaml:15:5: rules[4]: needs exactly one action of ignore, pattern, tolerance, added, unordered; found ignore, added",
                            "shadow-rules.yaml:22:9: rules[6].id: 'dup' is already the id of the rule on line 18");
                    assertThat(e.problems().get(0).value()).isEqualTo("items/*/etag");
                    assertThat(e.getMessage()).startsWith("9 problems:\n  shadow-rules.yaml:3:11");
                });
    }

    @Test
    void aFlagMustBeTrue() {
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", """
                rules:
                  - path: /d
                    ignore: yes please
                    reason: r
                """))
                .hasMessage("1 problem:\n  r.yaml:3:13: rules[0].ignore: expected true or false, found 'yes please'");
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", """
                rules:
                  - path: /d
                    ignore: false
                    reason: r
                """))
                .hasMessage("1 problem:\n  r.yaml:3:13: rules[0].ignore: must be true (leave the key out otherwise)");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", "rules:\n  - path: /a\n    reason: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("1 problem:\n  r.yaml:3:22: not valid YAML: while parsing a flow sequence");
    }

    @Test
    void duplicateKeysAreReported() {
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", """
                rules:
                  - path: /a
                    path: /b
                    ignore: true
                    reason: r
                """))
                .hasMessage("1 problem:\n  r.yaml:3:5: rules[0].path: duplicate key 'path' (first written at line 2)");
    }

    @Test
    void theShapeOfTheFileIsChecked() {
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", "")).hasMessage("1 problem:\n  r.yaml:1:1: the file is empty");
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", "rule:\n  - path: /a\n"))
                .hasMessageContaining("r.yaml:1:1: rule: unknown field 'rule' (did you mean 'rules'? expected one of rules)")
                .hasMessageContaining("r.yaml:1:1: rules: missing required field 'rules'");
        assertThatThrownBy(() -> RulesFile.parse("r.yaml", "rules: /a\n"))
                .hasMessage("1 problem:\n  r.yaml:1:8: rules: expected a list, found '/a'");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> RulesFile.load(missing)).hasMessage("1 problem:\n  " + missing + ": file not found");
    }

    @Test
    void loadsTheExampleFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "rules:\n  - path: /a\n    ignore: true\n    reason: r\n");
        assertThat(RulesFile.load(file).source()).isEqualTo("rules.yaml");
    }

    @Test
    void anExpiredRuleNoLongerAppliesAndIsWarnedAbout() throws Exception {
        RuleSet set = RulesFile.parse("rules.yaml", """
                rules:
                  - id: old-avatar-host
                    path: /**/avatar_url
                    ignore: true
                    reason: moved host
                    expires: 2.4.0
                  - id: forever
                    path: /id
                    ignore: true
                    reason: ids
                """);

        ActiveRules at240 = set.activeFor(Optional.of("2.4.0"));
        ActiveRules at250 = set.activeFor(Optional.of("2.5.0"));

        assertThat(at240.rules()).extracting(Rule::id).containsExactly("old-avatar-host", "forever");
        assertThat(at240.warnings()).isEmpty();
        assertThat(at250.rules()).extracting(Rule::id).containsExactly("forever");
        assertThat(at250.warnings()).containsExactly("rules.yaml:2: rule 'old-avatar-host' expired after version 2.4.0"
                + " (shadow version 2.5.0), so it no longer applies: remove it, or move 'expires' if the discrepancy is still known");
        assertThat(set.activeFor(Optional.empty()).rules()).hasSize(2);
    }

    @Test
    void versionsCompareAsPeopleReadThem() {
        assertThat(Versions.compare("2.10", "2.9")).isPositive();
        assertThat(Versions.compare("2.4", "2.4.0")).isZero();
        assertThat(Versions.compare("v1.2.3", "1.2.3")).isZero();
        assertThat(Versions.compare("2.0.0", "2.0.0-rc1")).isPositive();
        assertThat(Versions.compare("2.0.0-rc2", "2.0.0-rc10")).isNegative();
    }
}
