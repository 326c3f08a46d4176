package io.jenkins.plugins.deploytrain.plan;

import java.util.regex.Pattern;

/** Environment-name patterns: {@code *} is any run of characters, {@code ?} one character. */
public record Glob(String text, Pattern pattern) {

    public static Glob of(String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString()));
    }

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }
}
