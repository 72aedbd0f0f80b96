package io.chatscalable.chat.room;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.KafkaTopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The rooms API, its errors, and the Redis projections the consumer groups keep. */
@IntegrationTest
class RoomApiIT {

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	Admin admin;

	ChatApi api;

	@BeforeEach
	void setUp() {
		this.api = new ChatApi(this.port);
	}

	@Test
	void createListGetJoinAndLeave() {
		String alice = this.api.token("alice");
		String bob = this.api.token("bob");
		JsonNode room = this.api.createRoom(alice, "  General  ");
		long roomId = room.get("id").asLong();

		assertThat(room.get("name").asString()).isEqualTo("General");
		assertThat(members(roomId)).isEqualTo(1);
		get(alice, "/api/rooms/" + roomId).jsonPath("$.name").isEqualTo("General");
		// Listed as soon as the creating transaction commits: the page of ids comes from
		// PostgreSQL.
		get(bob, "/api/rooms?limit=200").jsonPath("$.rooms[?(@.id == " + roomId + ")].name").isEqualTo("General");

		post(bob, "/api/rooms/" + roomId + "/members", 200).jsonPath("$.userId").exists();
		post(bob, "/api/rooms/" + roomId + "/members", 200);
		assertThat(members(roomId)).isEqualTo(2);

		delete(bob, "/api/rooms/" + roomId + "/members/me", 204);
		delete(bob, "/api/rooms/" + roomId + "/members/me", 204);
		assertThat(members(roomId)).isEqualTo(1);
	}

	@Test
	void listingPagesThroughRoomsInIdOrder() {
		String carol = this.api.token("carol");
		List<Long> ids = List.of("r1", "r2", "r3")
			.stream()
			.map((name) -> this.api.createRoom(carol, name).get("id").asLong())
			.toList();

		JsonNode page = body(get(carol, "/api/rooms?after=" + (ids.get(0) - 1) + "&limit=2"));
		assertThat(page.get("rooms").size()).isEqualTo(2);
		assertThat(page.get("rooms").get(0).get("id").asLong()).isEqualTo(ids.get(0));
		assertThat(page.get("nextAfter").asLong()).isEqualTo(ids.get(1));
	}

	@Test
	void badRequestsGetTheirCodesAndWriteNothing() {
		String dave = this.api.token("dave");
		long rooms = count("SELECT count(*) FROM rooms");
		long outbox = count("SELECT count(*) FROM outbox WHERE aggregate_type = 'room'");

		// The last three: text PostgreSQL could not store (U+0000, lone surrogates).
		for (String name : List.of("", "   ", "x".repeat(65), "bell\u0007", "nul\u0000", "high\ud800", "low\udc00")) {
			problem(this.api.client().post().uri("/api/rooms"), dave, Map.of("name", name), 400, "INVALID_ROOM_NAME");
		}
		problem(this.api.client().post().uri("/api/rooms"), dave, Map.of(), 400, "INVALID_ROOM_NAME");
		problem(this.api.client().get().uri("/api/rooms/999999"), dave, null, 404, "ROOM_NOT_FOUND");
		problem(this.api.client().post().uri("/api/rooms/999999/members"), dave, null, 404, "ROOM_NOT_FOUND");
		problem(this.api.client().delete().uri("/api/rooms/999999/members/me"), dave, null, 404, "ROOM_NOT_FOUND");
		problem(this.api.client().get().uri("/api/rooms/abc"), dave, null, 400, "MALFORMED_REQUEST");
		problem(this.api.client().get().uri("/api/rooms?limit=0"), dave, null, 400, "INVALID_PAGE");
		problem(this.api.client().get().uri("/api/rooms?limit=201"), dave, null, 400, "INVALID_PAGE");
		problem(this.api.client().post().uri("/api/rooms"), null, Map.of("name", "x"), 401, "UNAUTHENTICATED");

		assertThat(count("SELECT count(*) FROM rooms")).isEqualTo(rooms);
		assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'room'")).isEqualTo(outbox);
	}

	@Test
	void aFailureAtTheOutboxRowLeavesNoRoomAndNoMembership() {
		String gina = this.api.token("gina");
		long rooms = count("SELECT count(*) FROM rooms");
		long memberships = count("SELECT count(*) FROM room_members");
		// A real failure inside PostgreSQL at the last insert of the transaction.
		this.database.sql("ALTER TABLE outbox ADD CONSTRAINT refuse_all CHECK (false) NOT VALID")
			.then()
			.block(Duration.ofSeconds(10));
		try {
			problem(this.api.client().post().uri("/api/rooms"), gina, Map.of("name", "Doomed"), 500, "INTERNAL_ERROR");
		}
		finally {
			this.database.sql("ALTER TABLE outbox DROP CONSTRAINT refuse_all").then().block(Duration.ofSeconds(10));
		}
		assertThat(count("SELECT count(*) FROM rooms")).isEqualTo(rooms);
		assertThat(count("SELECT count(*) FROM room_members")).isEqualTo(memberships);
	}

	@Test
	void consumersPopulateRedisAndARedeliveredEventChangesNothing() throws Exception {
		JsonNode login = this.api.login("erin", null);
		long userId = login.get("user").get("id").asLong();
		long roomId = this.api.createRoom(login.get("token").asString(), "Projections").get("id").asLong();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(hash("chat:user:" + userId)).containsEntry("username", "erin");
			assertThat(this.redis.opsForValue().get("chat:user-name:erin").block()).isEqualTo(Long.toString(userId));
			assertThat(hash("chat:room:" + roomId)).containsEntry("name", "Projections");
		});
		Map<String, String> before = hash("chat:room:" + roomId);

		// Redeliver the room's event, and an older, different version of it, on the same
		// partition.
		ConsumerRecord<String, String> original = KafkaTopicReader
			.readAll(this.kafka.bootstrapServers(), this.kafka.topics().rooms())
			.stream()
			.filter((record) -> record.key().equals(Long.toString(roomId)))
			.findFirst()
			.orElseThrow();
		String stale = original.value()
			.replace("\"Projections\"", "\"Renamed by a stale event\"")
			.replaceFirst("\"eventId\":\\d+", "\"eventId\":1");
		long lastOffset;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(original.topic(), original.key(), original.value())).get();
			lastOffset = producer.send(new ProducerRecord<>(original.topic(), original.key(), stale)).get().offset();
		}
		TopicPartition partition = new TopicPartition(original.topic(), original.partition());
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets(RoomCacheProjector.GROUP_ID)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS)
				.get(partition);
			return committed != null && committed.offset() > lastOffset;
		});

		assertThat(hash("chat:room:" + roomId)).isEqualTo(before);
	}

	@Test
	void theMembershipProjectionFollowsCreationJoinAndLeaveAndIgnoresARedeliveredOlderJoin() throws Exception {
		JsonNode owner = this.api.login("olive", null);
		long ownerId = owner.get("user").get("id").asLong();
		JsonNode guest = this.api.login("gus", null);
		long guestId = guest.get("user").get("id").asLong();
		String guestToken = guest.get("token").asString();
		long roomId = this.api.createRoom(owner.get("token").asString(), "Members").get("id").asLong();
		post(guestToken, "/api/rooms/" + roomId + "/members", 200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(hash(RoomCache.memberKey(roomId, ownerId))).containsEntry("state", "JOINED");
			assertThat(hash(RoomCache.memberKey(roomId, guestId))).containsEntry("state", "JOINED");
		});
		delete(guestToken, "/api/rooms/" + roomId + "/members/me", 204);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(hash(RoomCache.memberKey(roomId, guestId))).containsEntry("state", "LEFT"));
		Map<String, String> left = hash(RoomCache.memberKey(roomId, guestId));

		// Redeliver the (older) MemberJoined after the MemberLeft: the guest stays out.
		ConsumerRecord<String, String> joined = KafkaTopicReader
			.readAll(this.kafka.bootstrapServers(), this.kafka.topics().rooms())
			.stream()
			.filter((record) -> record.key().equals(Long.toString(roomId))
					&& record.value().contains("\"eventType\":\"MemberJoined\""))
			.findFirst()
			.orElseThrow();
		long offset;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			offset = producer.send(new ProducerRecord<>(joined.topic(), joined.key(), joined.value())).get().offset();
		}
		TopicPartition partition = new TopicPartition(joined.topic(), joined.partition());
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets(RoomCacheProjector.GROUP_ID)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS)
				.get(partition);
			return committed != null && committed.offset() > offset;
		});

		assertThat(hash(RoomCache.memberKey(roomId, guestId))).isEqualTo(left);
	}

	private Map<String, String> hash(String key) {
		return this.redis.<String, String>opsForHash()
			.entries(key)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block(Duration.ofSeconds(5));
	}

	private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec get(String token, String uri) {
		return this.api.client()
			.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private JsonNode body(org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec spec) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(spec.returnResult().getResponseBody());
	}

	private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec post(String token, String uri,
			int status) {
		return this.api.client()
			.post()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody();
	}

	private void delete(String token, String uri, int status) {
		this.api.client()
			.delete()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	private void problem(org.springframework.test.web.reactive.server.WebTestClient.RequestBodySpec request,
			String token, Object body, int status, String code) {
		if (token != null) {
			request.headers((headers) -> headers.setBearerAuth(token));
		}
		var sent = (body != null) ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		sent.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	private void problem(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request,
			String token, Object body, int status, String code) {
		if (token != null) {
			request.headers((headers) -> headers.setBearerAuth(token));
		}
		request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	private long members(long roomId) {
		return count("SELECT count(*) FROM room_members WHERE room_id = " + roomId);
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
	}

}
