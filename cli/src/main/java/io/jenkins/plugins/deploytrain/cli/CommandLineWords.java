package io.jenkins.plugins.deploytrain.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code --deploy-command} into words: whitespace separates, single or double quotes group, a
 * backslash escapes the next character. Nothing else is interpreted (no variables, globs, pipes): the
 * words go to the operating system as they are, never through a shell.
 */
final class CommandLineWords {
    private CommandLineWords() {}

    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " quote in --deploy-command: " + command);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("--deploy-command is empty");
        }
        return words;
    }
}
