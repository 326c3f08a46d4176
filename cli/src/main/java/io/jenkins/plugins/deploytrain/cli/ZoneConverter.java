package io.jenkins.plugins.deploytrain.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import picocli.CommandLine;

final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("unknown time zone '" + value + "' (e.g. Europe/Paris, UTC)");
        }
    }
}
