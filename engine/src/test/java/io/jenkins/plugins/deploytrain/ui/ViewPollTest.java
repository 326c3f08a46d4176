package io.jenkins.plugins.deploytrain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ViewPollTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ViewModel.Awaiting QUESTION = new ViewModel.Awaiting("env-1/z0", "deploy of env-1/z0 failed",
            List.of("retry", "skip", "mark-succeeded", "abort"), null);

    private final ViewChanges changes = new ViewChanges();
    private final AtomicInteger plans = new AtomicInteger();

    private ViewPoll.Host host(ViewModel.Awaiting awaiting, boolean mayApprove) {
        return new ViewPoll.Host(awaiting, mayApprove, null, "", () -> {
            plans.incrementAndGet();
            return ViewModel.Plan.none();
        });
    }

    private static Ledger at(long revision, Train train) {
        return Ledger.empty("job").withTrain(train).atRevision(revision);
    }

    private static JsonNode json(ViewPoll.Answer answer) throws IOException {
        return JSON.readTree(((ViewPoll.Body) answer).json());
    }

    @Test
    void anUnchangedTrainIsA304WithoutComposingTheDocument() {
        Train train = SampleLedgers.train("t1", 3, 2);
        ViewPoll.Answer first = ViewPoll.answer(at(7, train), train, host(null, true), changes, null, null);
        String etag = ((ViewPoll.Body) first).etag();
        plans.set(0);

        ViewPoll.Answer again = ViewPoll.answer(at(7, train), train, host(null, true), changes, etag, "7");

        assertThat(again).isEqualTo(new ViewPoll.NotModified(etag));
        assertThat(plans).as("nothing is planned or rendered for a 304").hasValue(0);
        assertThat(etag).startsWith("\"7-");
    }

    @Test
    void theEtagNamesTheRevisionTheTrainAndWhatTheHostAdds() {
        ViewPoll.Host plain = host(null, true);
        String etag = ViewPoll.etag(7, "t1", plain);
        assertThat(ViewPoll.etag(7, "t1", host(null, true))).isEqualTo(etag);
        assertThat(List.of(ViewPoll.etag(8, "t1", plain), ViewPoll.etag(7, "t2", plain),
                ViewPoll.etag(7, "t1", host(QUESTION, true)), ViewPoll.etag(7, "t1", host(null, false)),
                ViewPoll.etag(7, "t1", new ViewPoll.Host(null, true, null, "2026-11-26T09:01:00Z", ViewModel.Plan::none)),
                ViewPoll.etag(7, "t1", new ViewPoll.Host(null, true, "https://slack.example/t", "", ViewModel.Plan::none))))
                .doesNotContain(etag).doesNotHaveDuplicates();
    }

    @Test
    void aPageThatSaysSinceGetsOnlyTheChangedTargetsTheHeaderAndTheNewAuditEntries() throws IOException {
        Train before = SampleLedgers.train("t1", 3, 2);
        JsonNode full = json(ViewPoll.answer(at(4, before), before, host(null, true), changes, null, null));
        assertThat(full.get("revision").asLong()).isEqualTo(4);
        assertThat(full.has("delta")).isFalse();
        Train after = before.withTarget("env-1/z0", t -> t.withAttempt(Attempt.intent(1, SampleLedgers.T0, "w1")
                        .ended(SampleLedgers.T0, AttemptOutcome.FAILED, "exit 1")).withStatus(TargetStatus.FAILED))
                .withStatus(TrainStatus.AWAITING_APPROVAL, "deploy of env-1/z0 failed", SampleLedgers.T0)
                .audited(new AuditEntry(SampleLedgers.T0, "w1", "deploy-failed", "env-1/z0", "attempt 1"));

        ViewPoll.Answer answer = ViewPoll.answer(at(6, after), after, host(QUESTION, true), changes,
                ViewPoll.etag(4, "t1", host(null, true)), "4");

        assertThat(answer).isInstanceOfSatisfying(ViewPoll.Body.class, b -> assertThat(b.delta()).isTrue());
        JsonNode delta = json(answer);
        assertThat(delta.get("revision").asLong()).isEqualTo(6);
        assertThat(delta.get("delta")).isEqualTo(JSON.readTree("{\"since\": 4, \"auditFrom\": 1}"));
        assertThat(delta.at("/ledger-train/targets").findValuesAsText("id")).containsExactly("env-1/z0");
        assertThat(delta.at("/ledger-train/status").asText()).isEqualTo("awaiting-approval");
        assertThat(delta.at("/ledger-train/audit").findValuesAsText("what")).containsExactly("deploy-failed");
        assertThat(delta.at("/awaiting/target").asText()).isEqualTo("env-1/z0");
        assertThat(merge(full, delta)).isEqualTo(json(ViewPoll.answer(at(6, after), after, host(QUESTION, true),
                new ViewChanges(), null, null)));
        SchemaSubset schema = new SchemaSubset(JSON.readTree(UiAssets.open("view-model.schema.json").orElseThrow().readAllBytes()));
        assertThat(schema.violations(full)).isEmpty();
        assertThat(schema.violations(delta)).isEmpty();
    }

    @Test
    void aRevisionThisHostCannotSpeakForGetsTheWholeTrain() throws IOException {
        Train train = SampleLedgers.train("t1", 2, 2);
        ViewPoll.answer(at(10, train), train, host(null, true), changes, null, null);
        Train next = train.withStatus(TrainStatus.PAUSED, "paused", SampleLedgers.T0);

        for (String since : List.of("9", "12")) {
            ViewPoll.Answer answer = ViewPoll.answer(at(11, next), next, host(null, true), changes, null, since);
            assertThat(answer).as("since %s", since).isInstanceOfSatisfying(ViewPoll.Body.class, b -> assertThat(b.delta()).isFalse());
            assertThat(json(answer).at("/ledger-train/targets")).hasSize(4);
        }
        assertThat(ViewPoll.answer(at(11, next), next, host(null, true), changes, null, "10"))
                .isInstanceOfSatisfying(ViewPoll.Body.class, b -> assertThat(b.delta()).isTrue());
    }

    @Test
    void aSinceThatIsNoRevisionIsRefusedNamingTheValue() {
        Train train = SampleLedgers.train("t1", 1, 1);
        assertThat(ViewPoll.answer(at(3, train), train, host(null, true), changes, null, "abc"))
                .isEqualTo(new ViewPoll.BadRequest("since must be a ledger revision (a whole number), not 'abc'"));
        assertThat(ViewPoll.decide("\"3-x\"", 3, null, "-2", changes))
                .isEqualTo(new ViewPoll.Refused("since must be a ledger revision (a whole number from 0), not '-2'"));
    }

    @Test
    void aLookAtAnOlderRevisionStartsTheHistoryAgainInsteadOfMissingAChange() {
        Train a = SampleLedgers.train("t1", 2, 1);
        Train b = a.withTarget("env-0/z0", t -> t.withStatus(TargetStatus.DEPLOYING));
        changes.look(5, a);
        changes.look(7, b);
        changes.look(6, a); // a poll that loaded before the write and answers after it

        assertThat(changes.since(5)).isEmpty();
        changes.look(7, b);
        assertThat(changes.since(6)).hasValueSatisfying(s -> assertThat(s.targets()).containsExactly("env-0/z0"));
    }

    @Test
    void aNewSetOfTargetsOrAShorterAuditStartsTheHistoryAgain() {
        Train a = SampleLedgers.train("t1", 2, 1);
        changes.look(1, a);
        changes.look(2, SampleLedgers.train("t1", 3, 1));
        assertThat(changes.since(1)).isEmpty();
        Train three = SampleLedgers.train("t1", 3, 1);
        changes.look(3, new Train(three.id(), three.service(), three.version(), three.status(), three.created(), three.by(),
                three.targets(), three.approvals(), List.of(), null, null));
        assertThat(changes.since(2)).isEmpty();
    }

    @Test
    void theSameRevisionOfAnotherStartOfTheTrainIsAnotherHistory() {
        Train a = SampleLedgers.train("t1", 2, 1);
        changes.look(3, a);
        Train again = new Train(a.id(), a.service(), a.version(), a.status(), a.created().plusSeconds(60), a.by(),
                a.targets(), a.approvals(), a.audit(), null, null);
        changes.look(3, again.withTarget("env-1/z0", t -> t.withStatus(TargetStatus.DEPLOYING)));
        changes.look(4, again.withTarget("env-1/z0", t -> t.withStatus(TargetStatus.DEPLOYING)));

        assertThat(changes.since(2)).isEmpty();
        assertThat(changes.since(3)).hasValueSatisfying(s -> assertThat(s.targets()).isEmpty());
    }

    @Test
    void historiesByTrainForgetTheLeastRecentlyPolledPastTheirBound() {
        ViewChangesByTrain byTrain = new ViewChangesByTrain(2);
        ViewChanges a = byTrain.of("job\na");
        ViewChanges b = byTrain.of("job\nb");
        assertThat(byTrain.of("job\na")).isSameAs(a);
        byTrain.of("job\nc");

        assertThat(byTrain.of("job\na")).isSameAs(a);
        assertThat(byTrain.of("job\nb")).isNotSameAs(b);
    }

    /**
     * Incremental equals whole: over random runs of one-target transitions (and header and audit changes), a page
     * that kept any document it was sent and applies the delta for its revision holds exactly the whole document.
     */
    @Property(tries = 200)
    void aDeltaAppliedToTheDocumentOfItsRevisionIsTheWholeDocument(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        ViewChanges history = new ViewChanges();
        Train train = SampleLedgers.train("t1", 1 + random.nextInt(6), 1 + random.nextInt(3));
        Map<Long, JsonNode> sent = new HashMap<>();
        long revision = 1;
        for (int step = 0; step < 40; step++) {
            train = change(train, random);
            revision += 1 + random.nextInt(2);
            if (random.nextInt(3) == 0) {
                continue; // a revision no page looked at
            }
            ViewPoll.Host host = host(random.nextBoolean() ? QUESTION : null, true);
            JsonNode whole = json(ViewPoll.answer(at(revision, train), train, host, new ViewChanges(), null, null));
            List<Long> pages = new ArrayList<>(sent.keySet());
            Long since = pages.isEmpty() ? null : pages.get(random.nextInt(pages.size()));
            ViewPoll.Answer answer = ViewPoll.answer(at(revision, train), train, host, history, null,
                    since == null ? null : since.toString());
            JsonNode got = json(answer);
            JsonNode held = ((ViewPoll.Body) answer).delta() ? merge(sent.get(since), got) : got;
            assertThat(held).as("seed %d step %d since %d", seed, step, since).isEqualTo(whole);
            sent.put(revision, whole);
        }
    }

    /** One transition as the stepper makes them: one target, sometimes the train's status, often an audit entry. */
    private static Train change(Train train, Random random) {
        List<TargetRecord> targets = train.targets();
        TargetRecord t = targets.get(random.nextInt(targets.size()));
        Instant at = SampleLedgers.T0.plusSeconds(random.nextInt(100_000));
        Train next = switch (random.nextInt(4)) {
            case 0 -> train.withTarget(t.id(), x -> x.withStatus(TargetStatus.DEPLOYING)
                    .withAttempt(Attempt.intent(x.attemptCount() + 1, at, "w")));
            case 1 -> train.withTarget(t.id(), x -> x.withStatus(TargetStatus.SUCCEEDED));
            case 2 -> train.withStatus(random.nextBoolean() ? TrainStatus.PAUSED : TrainStatus.RUNNING, "why " + at, at);
            default -> train.withTarget(t.id(), x -> x.soakingUntil(at));
        };
        return random.nextInt(3) == 0 ? next : next.audited(new AuditEntry(at, "w", "step", t.id(), null));
    }

    /** What train-view.js does with a delta: changed targets replace theirs by id, the audit's tail is appended. */
    static JsonNode merge(JsonNode previous, JsonNode delta) {
        ObjectNode merged = delta.deepCopy();
        merged.remove("delta");
        ObjectNode train = (ObjectNode) merged.get("ledger-train");
        Map<String, JsonNode> changed = new HashMap<>();
        delta.at("/ledger-train/targets").forEach(t -> changed.put(t.get("id").asText(), t));
        ArrayNode targets = JSON.createArrayNode();
        previous.at("/ledger-train/targets").forEach(t -> targets.add(changed.getOrDefault(t.get("id").asText(), t)));
        train.set("targets", targets);
        ArrayNode audit = JSON.createArrayNode();
        JsonNode kept = previous.at("/ledger-train/audit");
        for (int i = 0; i < delta.at("/delta/auditFrom").asInt(); i++) {
            audit.add(kept.get(i));
        }
        delta.at("/ledger-train/audit").forEach(audit::add);
        train.set("audit", audit);
        return merged;
    }
}
