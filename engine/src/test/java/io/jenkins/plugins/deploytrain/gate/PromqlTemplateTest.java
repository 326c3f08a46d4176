package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PromqlTemplateTest {

    private static final Map<String, String> VARS = Map.of("TRAIN_ENVIRONMENT", "prod-aws-eu-west-1", "TRAIN_ZONE", "eu-west-1a");

    @Test
    void putsTargetVariablesIntoLabelValues() {
        String out = PromqlTemplate.render("sum(rate(errors{environment=\"${TRAIN_ENVIRONMENT}\", zone='${TRAIN_ZONE}'}[5m])) > 0", VARS);
        assertThat(out).isEqualTo("sum(rate(errors{environment=\"prod-aws-eu-west-1\", zone='eu-west-1a'}[5m])) > 0");
    }

    @Test
    void aHostileValueStaysInsideItsStringLiteral() {
        String out = PromqlTemplate.render("up{environment=\"${TRAIN_ENVIRONMENT}\"} == 0",
                Map.of("TRAIN_ENVIRONMENT", "x\"} or vector(1) or up{a=\"\\"));
        assertThat(out).isEqualTo("up{environment=\"x\\\"} or vector(1) or up{a=\\\"\\\\\"} == 0");
        assertThat(PromqlTemplate.render("up{e='${TRAIN_ENVIRONMENT}'}", Map.of("TRAIN_ENVIRONMENT", "a'b\nc")))
                .isEqualTo("up{e='a\\'b\\nc'}");
    }

    @Test
    void regexMatcherValuesAreQuotedSoTheyMatchOnlyThemselves() {
        assertThat(PromqlTemplate.render("up{zone=~\"${TRAIN_ZONE}|other\"}", Map.of("TRAIN_ZONE", "eu.*")))
                .isEqualTo("up{zone=~\"eu\\\\.\\\\*|other\"}");
        assertThat(PromqlTemplate.render("up{zone !~ '${TRAIN_ZONE}'}", Map.of("TRAIN_ZONE", "a+b")))
                .isEqualTo("up{zone !~ 'a\\\\+b'}");
    }

    @Test
    void placeholdersOutsideQuotedValuesAreRejected() {
        assertThat(PromqlTemplate.problems("up{zone=\"a\"} > ${TRAIN_ZONE}"))
                .containsExactly("placeholder ${TRAIN_ZONE} must be inside a quoted label value, e.g. {zone=\"${TRAIN_ZONE}\"}");
        assertThat(PromqlTemplate.problems("up{zone=`${TRAIN_ZONE}`}")).hasSize(1);
        assertThatThrownBy(() -> PromqlTemplate.render("${TRAIN_ZONE}", VARS)).isInstanceOf(TemplateException.class);
    }

    @Test
    void anUnknownVariableNamesTheKnownOnes() {
        assertThatThrownBy(() -> PromqlTemplate.render("up{a=\"${TRAIN_CELL}\"}", VARS))
                .isInstanceOf(TemplateException.class)
                .hasMessage("unknown variable ${TRAIN_CELL}; known: [TRAIN_ENVIRONMENT, TRAIN_ZONE]");
    }

    @Test
    void escapedQuotesInTheTemplateDoNotEndTheLiteral() {
        assertThat(PromqlTemplate.render("up{a=\"x\\\"${TRAIN_ZONE}\"}", VARS)).isEqualTo("up{a=\"x\\\"eu-west-1a\"}");
    }

    @Property
    void anyValueRoundTripsThroughTheDoubleQuotedLiteral(@ForAll String value) {
        String out = PromqlTemplate.render("m{l=\"${TRAIN_ZONE}\"}", Map.of("TRAIN_ZONE", value));
        assertThat(out).startsWith("m{l=\"").endsWith("\"}");
        String literal = out.substring(5, out.length() - 2);
        assertThat(unquote(literal)).isEqualTo(value);
    }

    /** Go's strconv.Unquote rules for the escapes we emit; an unescaped quote would mean a break-out. */
    private static String unquote(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '"') {
                throw new AssertionError("unescaped quote at " + i + " in " + literal);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
