package io.jenkins.plugins.deploytrain.terraform;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Replaces a target's tokens by placeholders in one pass, longest token first at each position,
 * so a zone ({@code us-east-1b}) wins over its region ({@code us-east-1}) and a placeholder is never
 * rewritten again. A token only matches as a whole word: the characters around it must not be
 * letters or digits, so {@code prod} does not eat into {@code product}, while ARNs, hostnames and
 * names joined with {@code - _ . : /} are covered.
 */
final class TokenReplacer {

    private record Token(String literal, String placeholder) {}

    private final Token[] tokens;
    private final boolean[] firstChars = new boolean[Character.MAX_VALUE + 1];
    private final boolean numericTokens;

    TokenReplacer(PlanTokens planTokens) {
        tokens = planTokens.values().entrySet().stream()
                .map(e -> new Token(e.getValue(), PlanTokens.placeholder(e.getKey())))
                .sorted(Comparator.comparingInt((Token t) -> t.literal().length()).reversed()
                        .thenComparing(Token::literal))
                .toArray(Token[]::new);
        Arrays.stream(tokens).forEach(t -> firstChars[t.literal().charAt(0)] = true);
        numericTokens = Arrays.stream(tokens).anyMatch(t -> t.literal().chars().allMatch(Character::isDigit));
    }

    String replace(String text) {
        if (tokens.length == 0) {
            return text;
        }
        StringBuilder out = null;
        int copiedUpTo = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!firstChars[c] || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                continue;
            }
            Token match = matchAt(text, i);
            if (match != null) {
                if (out == null) {
                    out = new StringBuilder(length + 16);
                }
                out.append(text, copiedUpTo, i).append(match.placeholder());
                i += match.literal().length() - 1;
                copiedUpTo = i + 1;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copiedUpTo, length).toString();
    }

    /** Whether a token could be written as a JSON number (an account id), so numbers need a look. */
    boolean hasNumericTokens() {
        return numericTokens;
    }

    /** The placeholder when the whole text is one token (for numbers such as an account id), else null. */
    String placeholderFor(String wholeText) {
        for (Token t : tokens) {
            if (t.literal().equals(wholeText)) {
                return t.placeholder();
            }
        }
        return null;
    }

    private Token matchAt(String text, int i) {
        for (Token t : tokens) {
            String literal = t.literal();
            int end = i + literal.length();
            if (text.startsWith(literal, i) && (end == text.length() || !isWordChar(text.charAt(end)))) {
                return t;
            }
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }
}
