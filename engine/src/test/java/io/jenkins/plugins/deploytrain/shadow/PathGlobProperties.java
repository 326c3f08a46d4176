package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PathGlobProperties {

    /** A key wildcard means what the same text means as a regex with '*' as '.*'. */
    @Property(tries = 2000)
    void aKeyWildcardMatchesLikeTheEquivalentRegex(@ForAll("wildcards") String glob, @ForAll("keys") String key) {
        PathGlob.Segment segment = PathGlob.parse("/" + glob).segments().get(0);
        String regex = Pattern.compile("\\*").splitAsStream(glob + "\u0000")
                .map(part -> Pattern.quote(part.replace("\u0000", "")))
                .collect(Collectors.joining(".*"));

        assertThat(segment.matches(key)).isEqualTo(key.matches(regex));
    }

    @Provide
    Arbitrary<String> wildcards() {
        return Arbitraries.strings().withChars("ab*").ofMinLength(2).ofMaxLength(6)
                .filter(s -> s.contains("*") && !s.contains("**"));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars("ab").ofMaxLength(6);
    }

    @Example
    void globsMatchWholePathsThroughTheAutomaton() {
        assertThat(matches("/items/*/etag", "items", "3", "etag")).isTrue();
        assertThat(matches("/items/*/etag", "items", "etag")).isFalse();
        assertThat(matches("/**/requestId", "requestId")).isTrue();
        assertThat(matches("/**/requestId", "a", "b", "requestId")).isTrue();
        assertThat(matches("/**/requestId", "a", "requestId", "b")).isFalse();
        assertThat(matches("/headers/x-ratelimit-*", "headers", "x-ratelimit-used")).isTrue();
        assertThat(matches("/headers/x-ratelimit-*", "headers", "x-rate")).isFalse();
        assertThat(matches("/a/**/b/**/c", "a", "b", "x", "c")).isTrue();
        assertThat(matches("", new String[0])).isTrue();
        assertThat(matches("/a~1b", "a/b")).isTrue();
    }

    /** More keys than the automaton's caches hold: matching stays exact past the bounds. */
    @Example
    void matchingStaysExactPastTheCacheBounds() {
        Rule any = new Rule("any", PathGlob.parse("/m/*/x"), new RuleAction.Ignore(), "test", Optional.empty(), 0);
        Rule one = new Rule("one", PathGlob.parse("/m/k4000/x"), new RuleAction.Ignore(), "test", Optional.empty(), 0);
        RuleMatcher matcher = new RuleMatcher(List.of(any, one));
        RuleMatcher.State m = matcher.step(matcher.start(), "m");
        for (int i = 0; i < 5 * RuleMatcher.MAX_TRANSITIONS_PER_STATE * 10; i++) {
            List<Rule> complete = matcher.complete(matcher.step(matcher.step(m, "k" + i), "x"));
            assertThat(complete).as("k%d", i).containsExactlyElementsOf(i == 4000 ? List.of(any, one) : List.of(any));
        }
    }

    @Example
    void malformedGlobsAreRefusedWithAReason() {
        assertThatThrownBy(() -> PathGlob.parse("items")).hasMessage("a path must be a JSON pointer starting with '/'");
        assertThatThrownBy(() -> PathGlob.parse("/a**")).hasMessage("'**' must be a whole segment, as in /**/name");
        assertThatThrownBy(() -> PathGlob.parse("/a~2")).hasMessage("'~' must be escaped as ~0 (and '/' inside a key as ~1)");
    }

    private static boolean matches(String glob, String... path) {
        Rule rule = new Rule("r", PathGlob.parse(glob), new RuleAction.Ignore(), "test", Optional.empty(), 0);
        RuleMatcher matcher = new RuleMatcher(List.of(rule));
        RuleMatcher.State state = matcher.start();
        for (String segment : path) {
            state = matcher.step(state, segment);
        }
        return !matcher.complete(state).isEmpty();
    }
}
