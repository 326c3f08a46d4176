package io.jenkins.plugins.deploytrain.bench;

/**
 * A large fleet in the example's shape: the example's windows, one staging, one shadow, one
 * primary, a dedicated trading environment every 50, and production cells spread over three clouds
 * and the three business-hours windows (some without any window). The example train's
 * {@code order} patterns match some of them, as they would in a real fleet.
 */
final class GeneratedFleet {

    private static final String[][] REGIONS = {
        {"aws", "us-east-2", "us-business-hours"}, {"aws", "eu-west-1", "eu-business-hours"},
        {"gcp", "europe-west4", "eu-business-hours"}, {"gcp", "asia-northeast1", "apac-business-hours"},
        {"azure", "eastus", "us-business-hours"}, {"azure", "westeurope", ""},
    };

    private GeneratedFleet() {}

    static String yaml(int environments) {
        StringBuilder y = new StringBuilder("""
                windows:
                  us-business-hours:   {timezone: America/New_York, days: [MON, TUE, WED, THU, FRI], hours: "09:00-17:00"}
                  eu-business-hours:   {timezone: Europe/Paris,     days: [MON, TUE, WED, THU, FRI], hours: "09:00-17:00"}
                  apac-business-hours: {timezone: Asia/Tokyo,       days: [MON, TUE, WED, THU, FRI], hours: "09:00-17:00"}
                  us-trading-hours:    {timezone: America/New_York, days: [MON, TUE, WED, THU, FRI], hours: "09:30-16:00"}
                holidays: [2026-12-25, 2027-01-01]
                environments:
                """);
        for (int i = 0; i < environments; i++) {
            String[] r = REGIONS[i % REGIONS.length];
            String tier = switch (i) {
                case 0 -> "staging";
                case 1 -> "shadow";
                case 2 -> "primary";
                default -> i % 50 == 0 ? "dedicated" : "production";
            };
            String name = (i == 3 ? "prod-aws-eu-west-1" : i == 4 ? "prod-gcp-europe-west4" : tier + "-" + r[0] + "-" + r[1] + "-" + i);
            y.append("  - name: ").append(name).append('\n')
                    .append("    provider: ").append(r[0]).append('\n')
                    .append("    region: ").append(r[1]).append('\n')
                    .append("    zones: [").append(r[1]).append("-a, ").append(r[1]).append("-b, ").append(r[1]).append("-c]\n")
                    .append("    tier: ").append(tier).append('\n');
            if (tier.equals("dedicated")) {
                y.append("    blackouts: [us-trading-hours]\n");
            } else if (!r[2].isEmpty() && i > 1) {
                y.append("    allowed: [").append(r[2]).append("]\n");
            }
        }
        return y.toString();
    }
}
