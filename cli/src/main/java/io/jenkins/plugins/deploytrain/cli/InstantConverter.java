package io.jenkins.plugins.deploytrain.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** An instant with its offset, as ISO-8601: {@code 2026-11-30T09:00+01:00} or {@code 2026-11-30T08:00:00Z}. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an ISO-8601 date-time with an offset (e.g. 2026-11-30T09:00+01:00 or 2026-11-30T08:00Z)");
        }
    }
}
