package io.chatscalable.bot.socket;

import java.util.List;

import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.setup.HistoryMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merging reloaded history by position, on crafted pages: what is taken, what the client
 * already had, and that a repeated live delivery is never filtered.
 */
class RoomRecoveryTest {

	private final RoomRecovery recovery = new RoomRecovery();

	@Test
	void takesWhatIsAboveTheLastSeenPositionAndNotReceivedLive() {
		this.recovery.live(3, content(0, 1));
		this.recovery.reloadPending(3);
		this.recovery.live(9, content(1, 4));

		RoomRecovery.Merge merge = this.recovery
			.merge(List.of(history(2, 0, 0), history(3, 0, 1), history(5, 1, 2), history(7, 1, 3), history(9, 1, 4)));

		assertThat(merge.taken()).extracting(HistoryMessage::position).containsExactly(5L, 7L);
		assertThat(merge.alreadySeen()).isEqualTo(3);
		assertThat(this.recovery.pending()).isFalse();
	}

	@Test
	void aGapBelowTheLastSeenPositionStaysALoss() {
		this.recovery.reloadPending(10);
		RoomRecovery.Merge merge = this.recovery.merge(List.of(history(4, 0, 1)));
		assertThat(merge.taken()).isEmpty();
	}

	@Test
	void aLiveFrameOfAMessageAlreadyMergedIsTheMergesOtherHalf() {
		this.recovery.reloadPending(-1);
		this.recovery.merge(List.of(history(5, 0, 1), history(6, 0, 2)));

		assertThat(this.recovery.live(6, content(0, 2))).isFalse();
		// Delivered live a second time: a real duplicate, passed on.
		assertThat(this.recovery.live(6, content(0, 2))).isTrue();
	}

	@Test
	void aDifferentMessageAtAMergedPositionIsPassedOnAsAConflict() {
		this.recovery.reloadPending(-1);
		this.recovery.merge(List.of(history(5, 0, 1)));
		assertThat(this.recovery.live(5, content(1, 1))).isTrue();
	}

	@Test
	void aSecondReloadDoesNotTakeWhatTheFirstMerged() {
		this.recovery.reloadPending(-1);
		this.recovery.merge(List.of(history(5, 0, 1)));
		this.recovery.live(8, content(0, 3));
		this.recovery.reloadPending(-1);
		RoomRecovery.Merge merge = this.recovery.merge(List.of(history(5, 0, 1), history(8, 0, 3), history(9, 0, 4)));
		assertThat(merge.taken()).extracting(HistoryMessage::position).containsExactly(9L);
	}

	@Test
	void liveFramesWithoutAnyMergeAreAllPassedOnDuplicatesIncluded() {
		assertThat(this.recovery.live(1, content(0, 1))).isTrue();
		assertThat(this.recovery.live(1, content(0, 1))).isTrue();
	}

	private static MessageContent content(int user, long seq) {
		return new MessageContent("r1", user, seq, 0);
	}

	private static HistoryMessage history(long position, int user, long seq) {
		return new HistoryMessage(position, content(user, seq).encode(60));
	}

}
