package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.PartitionReader;
import io.chatscalable.chat.infra.kafka.TopicLayout;
import io.chatscalable.chat.message.MessageRepository.StoredGap;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The catch-up's seam and sources on crafted inputs: the room is 7, on partition 0; the
 * node's feed has reached offset 20; the client saw offset 10.
 */
class RoomCatchUpTest {

	private static final long ROOM = 7;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MessageRepository repository = mock(MessageRepository.class);

	private final MessageFeed feed = mock(MessageFeed.class);

	private final TopicLayout layout = mock(TopicLayout.class);

	private final List<long[]> logReads = new ArrayList<>();

	private final AtomicReference<Mono<List<IncomingRecord>>> logAnswer = new AtomicReference<>(Mono.just(List.of()));

	private RoomCatchUp catchUp;

	@BeforeEach
	void setUp() {
		given(this.layout.partitionFor(anyString(), eq("7"))).willReturn(0);
		given(this.feed.reached(0)).willReturn(20L);
		// Not in the window (Mockito would answer 0 for a Long).
		given(this.feed.firstPosition(anyInt(), anyString())).willReturn(null);
		PartitionReader reader = (topic, partition, from, to, key, limit, timeout) -> {
			this.logReads.add(new long[] { from, to, limit });
			return this.logAnswer.get();
		};
		MessageProperties properties = new MessageProperties(new MessageProperties.Dedup(1000),
				new MessageProperties.Store(3, Duration.ofMillis(200)),
				new MessageProperties.Recovery(5, Duration.ofSeconds(2), Duration.ofMillis(300), 50));
		KafkaProperties kafka = new KafkaProperties("127.0.0.1:1", Duration.ofSeconds(3), Duration.ofSeconds(15),
				Duration.ofSeconds(10), new KafkaProperties.Topics("chat.users", "chat.rooms", "chat.messages",
						"chat.messages.dlt", 6, (short) 1, 1));
		this.catchUp = new RoomCatchUp(this.repository, reader, this.feed, new MessageRecords(JSON), this.layout, kafka,
				properties, new SimpleMeterRegistry());
	}

	@Test
	void withoutALastPositionThereIsNothingToRecover() {
		assertThat(recover(null).result()).isEqualTo(Recovery.Result.NONE);
	}

	@Test
	void aStoreThatIsPastTheSeamAnswersAloneAndIsAskedNothingAboveIt() {
		databaseHas(21, stored(12), stored(15));

		Recovery recovery = recover(10L);

		assertThat(recovery.result()).isEqualTo(Recovery.Result.RECOVERED);
		assertThat(positions(recovery)).containsExactly(12L, 15L);
		assertThat(this.logReads).isEmpty();
	}

	@Test
	void whatTheStoreDoesNotHaveYetIsReadFromTheLogUpToTheSeam() {
		databaseHas(16, stored(12), stored(15));
		this.logAnswer.set(Mono.just(List.of(logged(18, "m-18"))));

		Recovery recovery = recover(10L);

		assertThat(positions(recovery)).containsExactly(12L, 15L, 18L);
		assertThat(this.logReads).singleElement().satisfies((read) -> {
			assertThat(read[0]).isEqualTo(16);
			assertThat(read[1]).isEqualTo(20);
			// Five at most, two already found: one more tells TOO_OLD.
			assertThat(read[2]).isEqualTo(4);
		});
	}

	@Test
	void aDatabaseThatDoesNotAnswerIsReplacedByTheLogForTheWholeGap() {
		given(this.repository.gap(anyString(), anyInt(), anyLong(), anyLong(), anyLong(), anyInt()))
			.willReturn(Mono.never());
		this.logAnswer.set(Mono.just(List.of(logged(11, "m-11"), logged(19, "m-19"))));

		Recovery recovery = recover(10L);

		assertThat(positions(recovery)).containsExactly(11L, 19L);
		assertThat(this.logReads.get(0)[0]).isEqualTo(11);
	}

	@Test
	void aCopyOfAStoredOrEarlierMessageIsDropped() {
		databaseHas(14, stored(12));
		given(this.feed.firstPosition(0, id("m-12"))).willReturn(12L);
		given(this.feed.firstPosition(0, id("m-3"))).willReturn(3L);
		this.logAnswer
			.set(Mono.just(List.of(logged(15, "m-12"), logged(16, "m-3"), logged(17, "m-17"), logged(18, "m-17"))));

		Recovery recovery = recover(10L);

		assertThat(positions(recovery)).containsExactly(12L, 17L);
	}

	@Test
	void neitherSourceAnsweringIsUnavailable() {
		given(this.repository.gap(anyString(), anyInt(), anyLong(), anyLong(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("database down")));
		this.logAnswer.set(Mono.error(new PartitionReader.RecordsGoneException("gone")));

		assertThat(recover(10L).result()).isEqualTo(Recovery.Result.UNAVAILABLE);
	}

	@Test
	void aGapWiderThanTheLogMayBeReadIsUnavailableWhenTheDatabaseCannotCoverIt() {
		given(this.feed.reached(0)).willReturn(500L);
		databaseHas(100);

		assertThat(recover(10L).result()).isEqualTo(Recovery.Result.UNAVAILABLE);
		assertThat(this.logReads).isEmpty();
	}

	@Test
	void moreThanTheLimitIsTooOldWhicheverSourceHasThem() {
		databaseHas(21, stored(11), stored(12), stored(13), stored(14), stored(15), stored(16));
		assertThat(recover(10L).result()).isEqualTo(Recovery.Result.TOO_OLD);

		databaseHas(14, stored(11), stored(12), stored(13));
		this.logAnswer.set(Mono.just(List.of(logged(15, "a"), logged(16, "b"), logged(17, "c"))));
		assertThat(recover(10L).result()).isEqualTo(Recovery.Result.TOO_OLD);
	}

	@Test
	void aClientThatSawTheSeamAlreadyMissedNothing() {
		Recovery recovery = recover(20L);

		assertThat(recovery.result()).isEqualTo(Recovery.Result.RECOVERED);
		assertThat(recovery.messages()).isEmpty();
	}

	@Test
	void aFeedWithoutPartitionsCannotTellWhatWasMissed() {
		given(this.feed.reached(0)).willReturn(null);

		assertThat(recover(10L).result()).isEqualTo(Recovery.Result.UNAVAILABLE);
	}

	private Recovery recover(Long lastSeen) {
		return this.catchUp.recover(ROOM, lastSeen).block(Duration.ofSeconds(5));
	}

	private void databaseHas(long storedTo, DeliveredMessage... messages) {
		given(this.repository.gap(anyString(), anyInt(), eq(ROOM), anyLong(), anyLong(), anyInt()))
			.willReturn(Mono.just(new StoredGap(storedTo, List.of(messages))));
	}

	private static DeliveredMessage stored(long position) {
		return new DeliveredMessage(message("m-" + position), position);
	}

	private static IncomingRecord logged(long offset, String clientMessageId) {
		return new IncomingRecord("chat.messages", 0, offset, "7", JSON.writeValueAsString(message(clientMessageId)),
				Map.of(), 0L);
	}

	private static ChatMessage message(String clientMessageId) {
		return new ChatMessage(id(clientMessageId), ROOM, 3, "carol", clientMessageId, "text " + clientMessageId,
				ChatMessage.TEXT, 1_000L);
	}

	private static String id(String clientMessageId) {
		return ChatMessage.messageId(3, clientMessageId);
	}

	private static List<Long> positions(Recovery recovery) {
		return recovery.messages().stream().map(DeliveredMessage::position).toList();
	}

}
