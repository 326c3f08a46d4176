package io.jenkins.plugins.deploytrain.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The JSON spelling of our enums: lower case with hyphens ("awaiting-approval"), as users type them. */
public final class JsonEnum {
    private JsonEnum() {}

    public static String spell(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (spell(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(JsonEnum::spell).collect(Collectors.joining(", ")));
    }
}
