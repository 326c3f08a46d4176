package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a rule accepts at the paths it matches. */
public sealed interface RuleAction {

    String describe();

    /** Whether this action accepts a difference found at a path its rule matches. */
    boolean accepts(Difference d);

    /** Any difference at or below the path: volatile fields such as request ids and dates. */
    record Ignore() implements RuleAction {
        @Override
        public String describe() {
            return "ignore";
        }

        @Override
        public boolean accepts(Difference d) {
            return true;
        }
    }

    /**
     * A changed or added scalar whose every present value matches the whole pattern: an avatar host that
     * moved, a date in a known format. A removal is never accepted by a pattern.
     */
    record AcceptPattern(Pattern pattern) implements RuleAction {
        @Override
        public String describe() {
            return "pattern " + pattern.pattern();
        }

        @Override
        public boolean accepts(Difference d) {
            return d.kind() != ChangeKind.REMOVED && matchesIfPresent(d.oldValue()) && matchesIfPresent(d.newValue());
        }

        private boolean matchesIfPresent(JsonNode value) {
            if (value.isMissingNode()) {
                return true;
            }
            return value.isValueNode() && pattern.matcher(value.asText()).matches();
        }
    }

    /**
     * A changed number (or numeric string) within the absolute bound or within the relative bound
     * (a fraction of the larger magnitude); at least one bound is set.
     */
    record AcceptTolerance(Optional<BigDecimal> absolute, Optional<BigDecimal> relative) implements RuleAction {
        @Override
        public String describe() {
            StringBuilder s = new StringBuilder("tolerance");
            absolute.ifPresent(a -> s.append(" absolute ").append(a.toPlainString()));
            relative.ifPresent(r -> s.append(" relative ").append(r.toPlainString()));
            return s.toString();
        }

        @Override
        public boolean accepts(Difference d) {
            if (d.kind() != ChangeKind.CHANGED) {
                return false;
            }
            Optional<BigDecimal> x = number(d.oldValue());
            Optional<BigDecimal> y = number(d.newValue());
            if (x.isEmpty() || y.isEmpty()) {
                return false;
            }
            BigDecimal delta = x.get().subtract(y.get()).abs();
            BigDecimal magnitude = x.get().abs().max(y.get().abs());
            return absolute.map(bound -> delta.compareTo(bound) <= 0).orElse(false)
                    || relative.map(bound -> delta.compareTo(bound.multiply(magnitude)) <= 0).orElse(false);
        }

        /** Numbers, and strings that hold one (HTTP headers carry numbers as text). */
        private static Optional<BigDecimal> number(JsonNode value) {
            if (value.isNumber()) {
                return Optional.of(value.decimalValue());
            }
            if (value.isTextual()) {
                try {
                    return Optional.of(new BigDecimal(value.textValue().strip()));
                } catch (NumberFormatException notANumber) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /** A field or array element that only the new version returns. */
    record AcceptAdded() implements RuleAction {
        @Override
        public String describe() {
            return "accept added";
        }

        @Override
        public boolean accepts(Difference d) {
            return d.kind() == ChangeKind.ADDED;
        }
    }

    /** The array at the path is compared as a multiset: element order is not a difference. */
    record Unordered() implements RuleAction {
        @Override
        public String describe() {
            return "unordered";
        }

        @Override
        public boolean accepts(Difference d) {
            return false;
        }
    }
}
