package io.jenkins.plugins.deploytrain.fleetstate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The version matrix of every service across jobs, as one viewer may see it: a job the viewer may not read is
 * never named (its cells keep the version, which the fleet shows anyway, without the job), and only the number of
 * such entries is told. Pure: the host says which jobs are readable.
 *
 * @param hidden how many cells name a job (as the last deploy's or as the one rolling there) the viewer may not read
 */
public record VisibleMatrix(List<Service> services, int hidden) {

    public VisibleMatrix {
        services = List.copyOf(services);
    }

    public record Service(String service, List<String> zones, List<Row> rows) {
        public Service {
            zones = List.copyOf(zones);
            rows = List.copyOf(rows);
        }
    }

    public record Row(String environment, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One environment x zone; every field may be null (nothing there, or a job the viewer may not read).
     *
     * @param job the job whose train deployed {@code version} there
     * @param rollingBuild the build (a number) or runner rolling {@code rollingVersion} there now
     */
    public record Cell(String zone, String version, String job, String rollingVersion, String rollingJob,
            String rollingBuild) {}

    public static VisibleMatrix of(FleetSnapshot state, Predicate<String> readable) {
        Map<String, Boolean> asked = new HashMap<>();
        Predicate<String> mayRead = job -> asked.computeIfAbsent(job, readable::test);
        int hidden = 0;
        List<Service> services = new ArrayList<>();
        for (String name : ServiceMatrix.services(state)) {
            ServiceMatrix m = ServiceMatrix.of(state, name);
            List<Row> rows = new ArrayList<>();
            for (String environment : m.environments()) {
                List<Cell> cells = new ArrayList<>();
                for (String zone : m.zones()) {
                    ServiceMatrix.Cell c = m.cell(environment, zone).orElse(null);
                    DeployedVersion d = c == null ? null : c.deployed();
                    FleetLease l = c == null ? null : c.rolling();
                    boolean deployedShown = d != null && mayRead.test(d.job());
                    boolean rollingShown = l != null && mayRead.test(l.holder().job());
                    hidden += (d != null && !deployedShown ? 1 : 0) + (l != null && !rollingShown ? 1 : 0);
                    cells.add(new Cell(zone, d == null ? null : d.version(), deployedShown ? d.job() : null,
                            l == null ? null : l.holder().version(), rollingShown ? l.holder().job() : null,
                            rollingShown ? l.holder().build() : null));
                }
                rows.add(new Row(environment, cells));
            }
            services.add(new Service(name, m.zones(), rows));
        }
        return new VisibleMatrix(services, hidden);
    }
}
