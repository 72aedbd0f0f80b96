package io.chatscalable.chat.read;

import java.util.List;

import io.chatscalable.chat.read.ReadRepository.PendingRead;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingReadsTest {

	@Test
	void manyMarksOfOneMemberBetweenFlushesBecomeOneRowWithTheHighestPosition() {
		PendingReads pending = new PendingReads(100);
		for (long position = 0; position < 100; position++) {
			pending.add(7, 1, position);
		}
		pending.add(7, 1, 3);
		pending.add(7, 2, 4);

		assertThat(pending.get(7, 1)).isEqualTo(99);
		assertThat(pending.drain()).containsExactlyInAnyOrder(new PendingRead(7, 1, 99), new PendingRead(7, 2, 4));
		assertThat(pending.drain()).isEmpty();
		assertThat(pending.get(7, 1)).isEqualTo(-1);
	}

	@Test
	void aFailedFlushIsPutBackMergedWithNewerMarksWithinTheBound() {
		PendingReads pending = new PendingReads(2);
		pending.add(7, 1, 10);
		pending.add(7, 2, 10);
		assertThat(pending.add(7, 3, 10)).isFalse();
		List<PendingRead> failed = pending.drain();
		pending.add(7, 1, 12);
		pending.add(8, 1, 1);

		int lost = pending.restore(failed);

		assertThat(lost).isEqualTo(1);
		assertThat(pending.drain()).containsExactlyInAnyOrder(new PendingRead(7, 1, 12), new PendingRead(8, 1, 1));
	}

}
