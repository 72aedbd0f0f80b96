package io.chatscalable.chat.room;

import io.chatscalable.chat.text.StorableText;

/**
 * A valid room name: 1 to 64 characters after trimming, no control characters, and
 * storable ({@link StorableText}: no U+0000, no unpaired surrogate).
 *
 * @param value the trimmed name
 */
record RoomName(String value) {

	static final int MAX_LENGTH = 64;

	static RoomName parse(String raw) {
		if (raw == null) {
			throw new InvalidRoomNameException();
		}
		String trimmed = raw.strip();
		if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH
				|| trimmed.codePoints().anyMatch(Character::isISOControl) || !StorableText.isStorable(trimmed)) {
			throw new InvalidRoomNameException();
		}
		return new RoomName(trimmed);
	}

}
