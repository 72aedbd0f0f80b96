package io.chatscalable.bot.socket;

/**
 * Encodes the client frames the bot sends (docs/protocol.md, client frames).
 */
final class ClientFrames {

	private ClientFrames() {
	}

	static String join(String id, long roomId, long lastSeenPosition) {
		StringBuilder json = new StringBuilder(80).append("{\"type\":\"join\",\"id\":");
		string(json, id).append(",\"roomId\":").append(roomId);
		if (lastSeenPosition >= 0) {
			json.append(",\"lastSeenPosition\":").append(lastSeenPosition);
		}
		return json.append('}').toString();
	}

	static String send(String id, long roomId, String clientMessageId, String content) {
		StringBuilder json = new StringBuilder(content.length() + 100).append("{\"type\":\"send\",\"id\":");
		string(json, id).append(",\"roomId\":").append(roomId).append(",\"clientMessageId\":");
		string(json, clientMessageId).append(",\"content\":");
		return string(json, content).append('}').toString();
	}

	static String read(String id, long roomId, long position) {
		StringBuilder json = new StringBuilder(80).append("{\"type\":\"read\",\"id\":");
		return string(json, id).append(",\"roomId\":")
			.append(roomId)
			.append(",\"position\":")
			.append(position)
			.append('}')
			.toString();
	}

	static String typing(long roomId) {
		return "{\"type\":\"typing\",\"roomId\":" + roomId + "}";
	}

	private static StringBuilder string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"');
	}

}
