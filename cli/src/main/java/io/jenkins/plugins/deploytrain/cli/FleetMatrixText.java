package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.fleetstate.ServiceMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The version matrix of every service across the runners sharing a fleet state, as text for a terminal. */
final class FleetMatrixText {
    private FleetMatrixText() {}

    static String of(List<ServiceMatrix> matrices, Path folder) {
        StringBuilder s = new StringBuilder();
        if (matrices.isEmpty()) {
            return s.append("fleet state ").append(folder).append(": no runner has deployed or leased anything yet\n").toString();
        }
        for (ServiceMatrix m : matrices) {
            s.append(s.isEmpty() ? "" : "\n").append("service ").append(m.service())
                    .append(": versions by environment and zone, across runners (fleet state ").append(folder).append(")\n");
            List<List<String>> table = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("environment"));
            header.addAll(m.zones());
            table.add(header);
            for (String environment : m.environments()) {
                List<String> line = new ArrayList<>(List.of(environment));
                m.zones().forEach(zone -> line.add(m.cell(environment, zone).map(FleetMatrixText::cell).orElse("-")));
                table.add(line);
            }
            s.append(StatusCommand.table(table));
        }
        return s.toString();
    }

    /** {@code 1.4.2 (payments-deploy)}, and {@code > 1.4.3 (job payments-release build 12)} while one is rolling there. */
    static String cell(ServiceMatrix.Cell c) {
        String deployed = c.deployed() == null ? "-" : c.deployed().version() + " (" + c.deployed().job() + ")";
        return c.rolling() == null ? deployed
                : deployed + " > " + c.rolling().holder().version() + " (" + c.rolling().holder().job() + " "
                        + c.rolling().holder().build() + ")";
    }
}
