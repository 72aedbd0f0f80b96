package io.chatscalable.chat.ratelimit;

import java.util.function.Function;

/** The limited actions, each with its rate in {@link RateLimitProperties}. */
public enum Limit {

	/** Logins and signups per client address. */
	LOGIN_PER_ADDRESS("login-address", RateLimitProperties::loginPerAddress),

	/** Logins per username (lower case). */
	LOGIN_PER_NAME("login-name", RateLimitProperties::loginPerName),

	/** Rooms and direct conversations created per user. */
	ROOM_CREATIONS_PER_USER("room-create", RateLimitProperties::roomCreationsPerUser),

	/** Joins, leaves and member additions per user. */
	MEMBERSHIP_CHANGES_PER_USER("membership", RateLimitProperties::membershipChangesPerUser),

	/** User searches per user. */
	USER_SEARCHES_PER_USER("user-search", RateLimitProperties::userSearchesPerUser),

	/** WebSocket handshakes per user. */
	HANDSHAKES_PER_USER("handshake-user", RateLimitProperties::handshakesPerUser),

	/** WebSocket handshakes per client address. */
	HANDSHAKES_PER_ADDRESS("handshake-address", RateLimitProperties::handshakesPerAddress);

	private final String key;

	private final Function<RateLimitProperties, Rate> rate;

	Limit(String key, Function<RateLimitProperties, Rate> rate) {
		this.key = key;
		this.rate = rate;
	}

	/** The limit's part of a counter key. */
	String key() {
		return this.key;
	}

	Rate rate(RateLimitProperties properties) {
		return this.rate.apply(properties);
	}

	/** Whether the limit counts per client address (exempt addresses skip it). */
	boolean perAddress() {
		return this == LOGIN_PER_ADDRESS || this == HANDSHAKES_PER_ADDRESS;
	}

}
