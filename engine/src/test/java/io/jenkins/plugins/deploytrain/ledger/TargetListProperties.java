package io.jenkins.plugins.deploytrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A {@link TargetList} behaves as the plain list of its elements whatever the size (one leaf, two levels, three
 * levels past 1,024) and whatever was replaced: the same elements in order, equal and hashing alike, the same
 * first position per id, and the same journal diff as the plain list's pass.
 */
class TargetListProperties {

    /** Replace the element at a position (modulo the size) with a target of id number {@code id} in status {@code status}. */
    record Replace(int position, int id, TargetStatus status) {}

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 70)),
                Tuple.of(2, Arbitraries.integers().between(1000, 1100)),
                Tuple.of(1, Arbitraries.integers().between(0, 2100)));
    }

    @Provide
    Arbitrary<List<Replace>> replacements() {
        return Combinators.combine(Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 3000),
                Arbitraries.of(TargetStatus.class)).as(Replace::new).list().ofMaxSize(25);
    }

    @Property(tries = 150)
    void behavesAsThePlainList(@ForAll("sizes") int size, @ForAll @IntRange(min = 1, max = 3000) int distinctIds,
            @ForAll("replacements") List<Replace> replacements) {
        List<TargetRecord> plain = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            plain.add(target(i % distinctIds, TargetStatus.PENDING)); // ids repeat when distinctIds < size
        }
        TargetList list = TargetList.of(plain);
        assertSame(list, plain, distinctIds);
        for (Replace r : replacements) {
            if (size == 0) {
                assertThatThrownBy(() -> TargetList.of(plain).with(0, target(0, r.status())))
                        .isInstanceOf(IndexOutOfBoundsException.class);
                break;
            }
            int at = r.position() % size;
            TargetRecord next = target(r.id() % (distinctIds + 1), r.status()); // sometimes a new id, sometimes a moved one
            List<TargetRecord> plainBefore = List.copyOf(plain);
            TargetList before = list;
            plain.set(at, next);
            list = list.with(at, next);
            assertSame(list, plain, distinctIds + 1);
            assertThat(before).as("the list it came from is unchanged").isEqualTo(plainBefore);
            assertThat(before.differences(list)).isEqualTo(plainDifferences(plainBefore, plain));
            assertThat(ListChange.between(before, list)).isEqualTo(ListChange.between(plainBefore, plain));
            assertThat(ListChange.unchanged(before, list)).isEqualTo(ListChange.unchanged(plainBefore, plain));
            ListChange<TargetRecord> change = ListChange.between(plainBefore, plain);
            assertThat(change.applyTo(before, "targets")).isInstanceOf(TargetList.class).isEqualTo(plain);
            assertThat(change.applyTo(plainBefore, "targets")).isEqualTo(plain);
        }
    }

    @Property(tries = 30)
    void aTrainFindsAndChangesTargetsAsThePlainListDid(@ForAll("sizes") int size, @ForAll @IntRange(min = 0, max = 3000) int wanted) {
        List<TargetRecord> plain = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            plain.add(target(i, TargetStatus.PENDING));
        }
        Train train = new Train("t", "svc", "1", TrainStatus.RUNNING, null, "me", plain, List.of(), List.of(), null, null);
        String id = "env-" + wanted + "/z";
        Optional<TargetRecord> expected = plain.stream().filter(t -> t.id().equals(id)).findFirst();
        assertThat(train.target(id)).isEqualTo(expected);
        if (expected.isEmpty()) {
            assertThatThrownBy(() -> train.withTarget(id, t -> t.withStatus(TargetStatus.SUCCEEDED)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no target " + id);
            return;
        }
        Train moved = train.withTarget(id, t -> t.withStatus(TargetStatus.SUCCEEDED));
        List<TargetRecord> expectedTargets = new ArrayList<>(plain);
        expectedTargets.set(wanted, plain.get(wanted).withStatus(TargetStatus.SUCCEEDED));
        assertThat(moved.targets()).isEqualTo(expectedTargets);
        assertThat(moved).isEqualTo(new Train("t", "svc", "1", TrainStatus.RUNNING, null, "me", expectedTargets, List.of(),
                List.of(), null, null));
        assertThat(train.targets()).isEqualTo(plain);
    }

    private static void assertSame(TargetList list, List<TargetRecord> plain, int ids) {
        assertThat(list).hasSize(plain.size()).isEqualTo(plain).containsExactlyElementsOf(plain);
        assertThat(list.hashCode()).isEqualTo(plain.hashCode());
        assertThat(plain).isEqualTo(list);
        List<TargetRecord> iterated = new ArrayList<>();
        list.forEach(iterated::add);
        assertThat(iterated).isEqualTo(plain);
        assertThat(list.stream().toList()).isEqualTo(plain);
        for (int i = 0; i < plain.size(); i++) {
            assertThat(list.get(i)).isSameAs(plain.get(i));
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = plain.size() - 1; i >= 0; i--) {
            first.put(plain.get(i).id(), i);
        }
        for (int id = 0; id <= ids; id++) {
            String targetId = "env-" + id + "/z";
            assertThat(list.positionOf(targetId)).as("position of %s", targetId).isEqualTo(first.getOrDefault(targetId, -1));
        }
        assertThatThrownBy(() -> list.get(plain.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.add(target(0, TargetStatus.PENDING))).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<Integer> plainDifferences(List<TargetRecord> before, List<TargetRecord> after) {
        SortedMap<Integer, TargetRecord> changed = new TreeMap<>();
        for (int i = 0; i < after.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.put(i, after.get(i));
            }
        }
        return List.copyOf(changed.keySet());
    }

    private static TargetRecord target(int id, TargetStatus status) {
        return new TargetRecord("env-" + id + "/z", id, "env-" + id, "z", "production", "aws", "eu-west-1", Duration.ZERO,
                Duration.ZERO, true, false, List.of(), status, null, List.of(), List.of());
    }
}
