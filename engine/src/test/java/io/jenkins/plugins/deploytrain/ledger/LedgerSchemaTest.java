package io.jenkins.plugins.deploytrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the Java model describe the same document. */
class LedgerSchemaTest {

    private static JsonNode schema() throws IOException {
        try (InputStream in = Ledger.class.getResourceAsStream("ledger.schema.json")) {
            return LedgerJson.mapper().readTree(in);
        }
    }

    @Test
    void everyRecordHasExactlyTheSchemasProperties() throws IOException {
        JsonNode defs = schema().get("$defs");
        Map<String, Class<? extends Record>> records = Map.ofEntries(Map.entry("Train", Train.class),
                Map.entry("Target", TargetRecord.class), Map.entry("Attempt", Attempt.class),
                Map.entry("GateResult", GateResult.class), Map.entry("Approval", Approval.class),
                Map.entry("AuditEntry", AuditEntry.class), Map.entry("Lease", Lease.class),
                Map.entry("Silence", TrainSilence.class), Map.entry("Terraform", TerraformRecord.class),
                Map.entry("Plan", PlanRecord.class), Map.entry("PlanReview", PlanReview.class));
        records.forEach((name, type) -> assertThat(names(defs.get(name).get("properties").fieldNames()))
                .as(name).containsExactlyElementsOf(components(type)));
        List<String> top = new ArrayList<>(components(Ledger.class));
        top.add("checksum");
        assertThat(names(schema().get("properties").fieldNames())).containsExactlyElementsOf(top);
    }

    @Test
    void everyEnumHasExactlyTheSchemasValues() throws IOException {
        JsonNode defs = schema().get("$defs");
        assertThat(values(defs.at("/Train/properties/status/enum"))).containsExactlyElementsOf(spelled(TrainStatus.values()));
        assertThat(values(defs.at("/Target/properties/status/enum"))).containsExactlyElementsOf(spelled(TargetStatus.values()));
        assertThat(values(defs.at("/Attempt/properties/outcome/enum"))).containsExactlyElementsOf(spelled(AttemptOutcome.values()));
        assertThat(values(defs.at("/Terraform/properties/phase/enum"))).containsExactlyElementsOf(spelled(TerraformPhase.values()));
        assertThat(values(defs.at("/PlanReview/properties/status/enum"))).containsExactlyElementsOf(spelled(ReviewStatus.values()));
        assertThat(values(defs.at("/Approval/properties/action/enum"))).containsExactlyElementsOf(spelled(ApprovalAction.values()));
        assertThat(values(defs.at("/Silence/properties/state/enum"))).containsExactlyElementsOf(spelled(SilenceState.values()));
    }

    @Test
    void aWrittenLedgerUsesOnlyTheSchemasTopLevelProperties() throws IOException {
        JsonNode written = LedgerJson.mapper().readTree(LedgerJson.render(SampleLedgers.withOneTrain().atRevision(1)));
        assertThat(names(written.fieldNames())).containsExactlyElementsOf(names(schema().get("properties").fieldNames()));
        assertThat(written.get("checksum").asText()).matches(schema().at("/properties/checksum/pattern").asText());
    }

    @Test
    void aTrainWithoutSilencesIsWrittenWithoutTheFieldSoLedgersWrittenBeforeItKeepTheirChecksum() throws IOException {
        Ledger old = SampleLedgers.withOneTrain().atRevision(1);
        JsonNode written = LedgerJson.mapper().readTree(LedgerJson.render(old));
        assertThat(names(written.get("trains").get(0).fieldNames())).doesNotContain("silences");
        assertThat(LedgerJson.parse(LedgerJson.render(old))).isEqualTo(old);
    }

    @Test
    void silencesRoundTripThroughTheFile() {
        Train train = SampleLedgers.train("t1", 1, 1).withSilences("t1#approval-0", List.of(
                new TrainSilence("t1#approval-0", "env-0/z0", "no-pages", SilenceState.EXPIRED, "alertmanager", "7c2b", "[alertname=\"HighErrorRate\"]",
                        SampleLedgers.T0.plusSeconds(3600), SampleLedgers.T0.plusSeconds(600), null),
                TrainSilence.intent("t1#approval-1", "env-0/z0", "no-pages", SampleLedgers.T0.plusSeconds(7200))));
        Ledger ledger = Ledger.empty("payments").withTrain(train).atRevision(3);
        assertThat(LedgerJson.parse(LedgerJson.render(ledger))).isEqualTo(ledger);
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    private static List<String> names(Iterator<String> it) {
        List<String> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    private static List<String> values(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }

    private static List<String> spelled(Enum<?>[] values) {
        return Arrays.stream(values).map(JsonEnum::spell).collect(Collectors.toList());
    }
}
