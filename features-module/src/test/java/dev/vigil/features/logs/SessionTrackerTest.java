package dev.vigil.features.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");
    private static final Pattern BLOCK = Pattern.compile("blk_-?\\d+");

    private final SessionTracker tracker = new SessionTracker(BLOCK, Duration.ofSeconds(30), 100, 1000);

    private List<Session> add(int second, String template, String message) {
        return tracker.add(T0.plusSeconds(second), template, message, WALL);
    }

    @Test
    void findsEveryDistinctIdOfALineWithTheFirstGroupWhenThereIsOne() {
        assertThat(tracker.ids("copy blk_1 to blk_-2, then blk_1 again")).containsExactly("blk_1", "blk_-2");
        SessionTracker byGroup = new SessionTracker(Pattern.compile("request=(\\w+)"), Duration.ofMinutes(1), 10, 10);
        assertThat(byGroup.ids("GET /x request=ab12 took 3 ms")).containsExactly("ab12");
        assertThat(byGroup.ids("no id here")).isEmpty();
    }

    @Test
    void aSessionClosesOnceTheServiceHasMovedOnForTheIdleTimeoutInEventTime() {
        add(0, "E5", "Receiving block blk_1");
        add(1, "E5", "Receiving block blk_1");
        add(2, "E22", "allocateBlock blk_1");
        add(10, "E5", "Receiving block blk_2");
        assertThat(add(31, "E11", "PacketResponder for block blk_2 terminating")).isEmpty();

        List<Session> closed = add(33, "E9", "Received block blk_2");

        assertThat(closed).hasSize(1);
        Session blk1 = closed.get(0);
        assertThat(blk1.id()).isEqualTo("blk_1");
        assertThat(blk1.events()).containsExactly("E5", "E5", "E22");
        assertThat(blk1.counts()).containsExactly(java.util.Map.entry("E5", 2), java.util.Map.entry("E22", 1));
        assertThat(blk1.start()).isEqualTo(T0);
        assertThat(blk1.end()).isEqualTo(T0.plusSeconds(2));
        assertThat(blk1.firstLines()).containsEntry("E5", "Receiving block blk_1");
        assertThat(tracker.openSessions()).isEqualTo(1);
    }

    @Test
    void aLineNamingTwoSessionsJoinsBoth() {
        add(0, "E1", "replicate blk_1 to blk_2");

        assertThat(tracker.closeAll()).extracting(Session::id).containsExactly("blk_1", "blk_2");
    }

    @Test
    void whenTheServiceGoesQuietItsSessionsCloseByTheWallClock() {
        add(0, "E5", "Receiving block blk_1");

        assertThat(tracker.closeIdle(WALL.plusSeconds(29))).isEmpty();
        assertThat(tracker.closeIdle(WALL.plusSeconds(30))).extracting(Session::id).containsExactly("blk_1");
        assertThat(tracker.openSessions()).isZero();
    }

    @Test
    void memoryIsBoundedByOpenSessionsAndEventsPerSession() {
        SessionTracker small = new SessionTracker(BLOCK, Duration.ofHours(1), 2, 3);
        small.add(T0, "E1", "blk_1", WALL);
        small.add(T0, "E1", "blk_2", WALL);
        small.add(T0, "E2", "blk_1", WALL);
        List<Session> evicted = small.add(T0, "E1", "blk_3", WALL);
        for (int i = 0; i < 5; i++) {
            small.add(T0, "E3", "blk_3", WALL);
        }

        assertThat(evicted).extracting(Session::id).containsExactly("blk_2");
        assertThat(small.evicted()).isEqualTo(1);
        Session blk3 = small.closeAll().stream().filter(s -> s.id().equals("blk_3")).findFirst().orElseThrow();
        assertThat(blk3.events()).containsExactly("E1", "E3", "E3");
        assertThat(blk3.truncated()).isTrue();
        assertThat(blk3.count("E3")).isEqualTo(5);
    }

    @Test
    void refusesLimitsThatCannotHold() {
        assertThatThrownBy(() -> new SessionTracker(BLOCK, Duration.ZERO, 1, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new SessionTracker(BLOCK, Duration.ofSeconds(1), 0, 1)).hasMessageContaining("at least one");
    }
}
