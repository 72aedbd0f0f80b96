package io.chatscalable.chat.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecentMessagesTest {

	@Test
	void aFirstCopyIsItsOwnFirstPositionAndALaterCopyPointsAtIt() {
		RecentMessages recent = new RecentMessages(10);

		assertThat(recent.record(0, 5, "a")).isEqualTo(5);
		assertThat(recent.record(0, 6, "b")).isEqualTo(6);
		assertThat(recent.record(0, 9, "a")).isEqualTo(5);
		assertThat(recent.firstPosition(0, "a")).isEqualTo(5);
		assertThat(recent.firstPosition(0, "b")).isEqualTo(6);
		assertThat(recent.firstPosition(0, "c")).isNull();
	}

	@Test
	void partitionsAreIndependent() {
		RecentMessages recent = new RecentMessages(10);

		recent.record(0, 1, "a");

		assertThat(recent.firstPosition(1, "a")).isNull();
		assertThat(recent.record(1, 3, "a")).isEqualTo(3);
	}

	@Test
	void aCopyFartherThanTheWindowFromTheFirstIsNewAgain() {
		RecentMessages recent = new RecentMessages(10);
		recent.record(0, 0, "a");
		for (int offset = 1; offset < 10; offset++) {
			recent.record(0, offset, "filler-" + offset);
		}

		// Offset 9 is within 10 of offset 0; offset 10 is not.
		assertThat(recent.firstPosition(0, "a")).isEqualTo(0);
		assertThat(recent.record(0, 10, "a")).isEqualTo(10);
		assertThat(recent.firstPosition(0, "a")).isEqualTo(10);
	}

	@Test
	void aGapInOffsetsEvictsWhatFellOutOfTheWindow() {
		RecentMessages recent = new RecentMessages(10);
		recent.record(0, 0, "a");
		recent.record(0, 5, "b");

		recent.record(0, 14, "c");

		assertThat(recent.firstPosition(0, "a")).isNull();
		assertThat(recent.firstPosition(0, "b")).isEqualTo(5);
		recent.record(0, 1_000, "d");
		assertThat(recent.firstPosition(0, "b")).isNull();
		assertThat(recent.firstPosition(0, "c")).isNull();
		assertThat(recent.size()).isEqualTo(1);
	}

	@Test
	void theWindowNeverHoldsMoreThanItsSizePerPartition() {
		RecentMessages recent = new RecentMessages(100);
		for (int offset = 0; offset < 10_000; offset++) {
			recent.record(0, offset, "m-" + offset);
			// Every tenth record is a copy of the one before: it takes no slot.
			if (offset % 10 == 9) {
				assertThat(recent.record(0, ++offset, "m-" + (offset - 1))).isEqualTo(offset - 1);
			}
		}

		assertThat(recent.size()).isLessThanOrEqualTo(100);
		assertThat(recent.firstPosition(0, "m-9998")).isEqualTo(9998);
		assertThat(recent.firstPosition(0, "m-9000")).isNull();
	}

	@Test
	void twoReadersOfTheSamePartitionDecideAlikeOnceTheyHaveReadTheWindow() {
		RecentMessages early = new RecentMessages(50);
		RecentMessages late = new RecentMessages(50);
		String[] ids = new String[500];
		for (int offset = 0; offset < ids.length; offset++) {
			// Copies at distances 1..70 of earlier messages.
			ids[offset] = (offset % 7 == 0 && offset > 70) ? ids[offset - (offset % 71) - 1] : "m-" + offset;
		}
		int lateStart = 200;
		for (int offset = 0; offset < ids.length; offset++) {
			long first = early.record(0, offset, ids[offset]);
			if (offset >= lateStart - 50) {
				long lateFirst = late.record(0, offset, ids[offset]);
				if (offset >= lateStart) {
					assertThat(lateFirst == offset).as("offset %d", offset).isEqualTo(first == offset);
				}
			}
		}
	}

	@Test
	void refusesAnEmptyWindow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecentMessages(0));
	}

}
