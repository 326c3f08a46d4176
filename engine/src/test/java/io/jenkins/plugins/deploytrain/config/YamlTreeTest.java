package io.jenkins.plugins.deploytrain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.config.ConfigNode.ListNode;
import io.jenkins.plugins.deploytrain.config.ConfigNode.MapNode;
import io.jenkins.plugins.deploytrain.config.ConfigNode.ScalarNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlTreeTest {

    @Test
    void nodesRememberTheirLineAndColumn() {
        ConfigNode root = YamlTree.parse("""
                name: train
                zones:
                  - a
                  - b
                """, "t.yaml");
        MapNode map = (MapNode) root;
        assertThat(map.entries().get("name").keyLocation()).isEqualTo(new Location("t.yaml", 1, 1));
        assertThat(map.entries().get("name").value().location()).isEqualTo(new Location("t.yaml", 1, 7));
        ListNode zones = (ListNode) map.entries().get("zones").value();
        assertThat(zones.items()).extracting(n -> ((ScalarNode) n).text()).containsExactly("a", "b");
        assertThat(zones.items().get(1).location().line()).isEqualTo(4);
    }

    @Test
    void scalarsKeepTheirTextAndNullIsNull() {
        MapNode map = (MapNode) YamlTree.parse("a: 09:00\nb: 2026-12-25\nc: 012\nd:\ne: ~\n", "t.yaml");
        assertThat(((ScalarNode) map.entries().get("a").value()).text()).isEqualTo("09:00");
        assertThat(((ScalarNode) map.entries().get("b").value()).text()).isEqualTo("2026-12-25");
        assertThat(((ScalarNode) map.entries().get("c").value()).text()).isEqualTo("012");
        assertThat(((ScalarNode) map.entries().get("d").value()).isNull()).isTrue();
        assertThat(((ScalarNode) map.entries().get("e").value()).isNull()).isTrue();
    }

    @Test
    void duplicateKeysAreReportedWithBothLinesAndAllAtOnce() {
        assertThatThrownBy(() -> YamlTree.parse("""
                name: a
                env:
                  tier: primary
                  tier: shadow
                name: b
                """, "fleet.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactly(
                                "fleet.yaml:4:3: env.tier: duplicate key 'tier' (first written at line 3)",
                                "fleet.yaml:5:1: name: duplicate key 'name' (first written at line 1)"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> YamlTree.parse("a: [1, 2\nb: c\n", "bad.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).file()).isEqualTo("bad.yaml");
                    assertThat(e.problems().get(0).line()).isGreaterThan(0);
                    assertThat(e.problems().get(0).message()).startsWith("not valid YAML: ");
                });
    }

    @Test
    void emptyFileAndSecondDocumentAreProblems() {
        assertThatThrownBy(() -> YamlTree.parse("", "e.yaml")).hasMessageContaining("e.yaml:1:1: the file is empty");
        assertThatThrownBy(() -> YamlTree.parse("a: 1\n---\nb: 2\n", "two.yaml"))
                .hasMessageContaining("two.yaml:3:1: only one YAML document");
    }

    @Test
    void aliasesResolveToTheAnchoredNode() {
        MapNode map = (MapNode) YamlTree.parse("""
                base: &zones [a, b, c]
                copy: *zones
                """, "t.yaml");
        assertThat(map.entries().get("copy").value()).isSameAs(map.entries().get("base").value());
    }

    @Test
    void mergeKeysCopyDefaultsThatExplicitKeysOverride() {
        MapNode map = (MapNode) YamlTree.parse("""
                defaults: &defaults {provider: aws, tier: production, region: us-east-1}
                us: &us {region: us-east-2}
                env:
                  tier: dedicated
                  <<: [*us, *defaults]
                """, "t.yaml");
        MapNode env = (MapNode) map.entries().get("env").value();
        assertThat(env.entries().keySet()).containsExactly("tier", "region", "provider");
        assertThat(((ScalarNode) env.entries().get("tier").value()).text()).isEqualTo("dedicated");
        assertThat(((ScalarNode) env.entries().get("region").value()).text()).isEqualTo("us-east-2");
        assertThat(((ScalarNode) env.entries().get("provider").value()).text()).isEqualTo("aws");
        // a merged key keeps the line it was written on, so problems point at the defaults
        assertThat(env.entries().get("provider").keyLocation().line()).isEqualTo(1);
    }

    @Test
    void mergingSomethingElseThanAMappingIsAProblem() {
        assertThatThrownBy(() -> YamlTree.parse("env:\n  <<: [a, b]\n", "t.yaml"))
                .hasMessageContaining("t.yaml:2:8: env.<<: '<<' merges mappings only, found a value");
    }

    @Test
    void aliasBombsAreRejected() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        assertThatThrownBy(() -> YamlTree.parse(bomb.toString(), "bomb.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .containsPattern("bomb.yaml:\\d+:\\d+: [a-j]\\[\\d\\]: aliases expand the document beyond 100000 nodes"));
    }

    @Test
    void tooManyAliasesAreRejected() {
        StringBuilder many = new StringBuilder("a: &a [x]\nl:\n");
        for (int i = 0; i <= YamlTree.MAX_ALIASES; i++) {
            many.append("  - *a\n");
        }
        assertThatThrownBy(() -> YamlTree.parse(many.toString(), "many.yaml")).hasMessageContaining("too many aliases");
    }

    @Test
    void unknownAliasIsAProblem() {
        assertThatThrownBy(() -> YamlTree.parse("a: *nope\n", "t.yaml")).hasMessageContaining("unknown alias '*nope'");
    }

    @Test
    void missingFileIsAProblemNotAStackTrace(@TempDir Path dir) {
        assertThatThrownBy(() -> YamlTree.read(dir.resolve("absent.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yaml: file not found");
    }

    @Test
    void readNamesProblemsByFileName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), "a: 1\na: 2\n");
        assertThatThrownBy(() -> YamlTree.read(file)).hasMessageContaining("fleet.yaml:2:1: a: duplicate key");
    }

    @Test
    void plainJavaTreesBecomeNodesWithoutLines() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "prod");
        env.put("zones", List.of("a", "b"));
        env.put("count", 3);
        MapNode map = (MapNode) YamlTree.fromObject(Map.of("environments", List.of(env)), "Jenkinsfile");
        ListNode envs = (ListNode) map.entries().get("environments").value();
        MapNode first = (MapNode) envs.items().get(0);
        assertThat(((ScalarNode) first.entries().get("count").value()).text()).isEqualTo("3");
        assertThat(first.location()).isEqualTo(Location.unknown("Jenkinsfile"));
        assertThat(first.location().toString()).isEqualTo("Jenkinsfile");
    }
}
