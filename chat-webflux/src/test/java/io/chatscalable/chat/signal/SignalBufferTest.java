package io.chatscalable.chat.signal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalBufferTest {

	@Test
	void readsCoalescePerRoomAndUserKeepingTheHighestPosition() {
		SignalBuffer buffer = new SignalBuffer(100);
		buffer.add(new Signals.Read(7, 1, "ann", 10, "s1"));
		buffer.add(new Signals.Read(7, 1, "ann", 30, "s2"));
		buffer.add(new Signals.Read(7, 1, "ann", 20, "s3"));
		buffer.add(new Signals.Read(7, 2, "bob", 5, null));
		buffer.add(new Signals.Read(8, 1, "ann", 1, null));

		List<Signals> drained = buffer.drain("n", 1000);

		assertThat(drained).hasSize(1);
		assertThat(drained.get(0).reads()).containsExactlyInAnyOrder(new Signals.Read(7, 1, "ann", 30, "s2"),
				new Signals.Read(7, 2, "bob", 5, null), new Signals.Read(8, 1, "ann", 1, null));
		assertThat(buffer.drain("n", 1000)).isEmpty();
	}

	@Test
	void typingCoalescesPerRoomAndUserAndPresenceKeepsTheLatestChangePerUser() {
		SignalBuffer buffer = new SignalBuffer(100);
		for (int i = 0; i < 50; i++) {
			buffer.add(new Signals.Typing(7, 1, "ann", 5000));
		}
		buffer.add(new Signals.Presence(1, "ann", true, List.of(7L)));
		buffer.add(new Signals.Presence(1, "ann", false, List.of(7L)));

		Signals drained = buffer.drain("n", 1000).get(0);

		assertThat(drained.typing()).containsExactly(new Signals.Typing(7, 1, "ann", 5000));
		assertThat(drained.presence()).containsExactly(new Signals.Presence(1, "ann", false, List.of(7L)));
		assertThat(drained.node()).isEqualTo("n");
	}

	@Test
	void newKeysBeyondTheBoundAreRefusedButKnownKeysStillCoalesce() {
		SignalBuffer buffer = new SignalBuffer(2);
		assertThat(buffer.add(new Signals.Read(1, 1, "a", 1, null))).isTrue();
		assertThat(buffer.add(new Signals.Read(2, 1, "a", 1, null))).isTrue();
		assertThat(buffer.add(new Signals.Read(3, 1, "a", 1, null))).isFalse();
		assertThat(buffer.add(new Signals.Read(2, 1, "a", 9, null))).isTrue();

		assertThat(buffer.drain("n", 1000).get(0).reads()).extracting(Signals.Read::position)
			.containsExactlyInAnyOrder(1L, 9L);
		assertThat(buffer.add(new Signals.Read(3, 1, "a", 1, null))).as("room again after the drain").isTrue();
	}

	@Test
	void aLargeDrainIsSplitIntoRecordsOfBoundedSizeLosingNothing() {
		SignalBuffer buffer = new SignalBuffer(10_000);
		for (int i = 0; i < 25; i++) {
			buffer.add(new Signals.Read(i, 1, "a", i, null));
			buffer.add(new Signals.Typing(i, 1, "a", 5000));
		}
		buffer.add(new Signals.Presence(1, "a", true, List.of()));

		List<Signals> records = buffer.drain("n", 10);

		assertThat(records).hasSize(6).allMatch((record) -> record.size() <= 10);
		assertThat(records.stream().mapToInt((record) -> record.reads().size()).sum()).isEqualTo(25);
		assertThat(records.stream().mapToInt((record) -> record.typing().size()).sum()).isEqualTo(25);
		assertThat(records.stream().mapToInt((record) -> record.presence().size()).sum()).isEqualTo(1);
	}

}
