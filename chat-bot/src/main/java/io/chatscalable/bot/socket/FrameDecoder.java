package io.chatscalable.bot.socket;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads server frames with Jackson's streaming parser: only the fields the bot uses, no
 * tree. Thread-safe.
 */
final class FrameDecoder {

	private final JsonFactory factory = new JsonFactory();

	/**
	 * Decodes one text frame.
	 * @throws tools.jackson.core.JacksonException if it is not JSON
	 */
	InboundFrame decode(String text) {
		String type = null;
		String id = null;
		long roomId = -1;
		long position = -1;
		String clientMessageId = null;
		String content = null;
		String code = null;
		String recovery = null;
		String roomName = null;
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), text)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return new InboundFrame(null, null, -1, -1, null, null, null, null, null);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> type = parser.getValueAsString();
					case "id" -> id = parser.getValueAsString();
					case "roomId" -> roomId = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue() : -1;
					case "position" -> position = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue() : -1;
					case "clientMessageId" -> clientMessageId = parser.getValueAsString();
					case "content" -> content = parser.getValueAsString();
					case "code", "reason" -> code = (code != null) ? code : parser.getValueAsString();
					case "recovery" -> recovery = field(parser, value, "result");
					case "room" -> roomName = field(parser, value, "name");
					default -> parser.skipChildren();
				}
			}
		}
		return new InboundFrame(type, id, roomId, position, clientMessageId, content, code, recovery, roomName);
	}

	/** One string field of an object value, skipping the rest. */
	private static String field(JsonParser parser, JsonToken value, String wanted) {
		if (value != JsonToken.START_OBJECT) {
			return null;
		}
		String result = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			if (name.equals(wanted)) {
				result = parser.getValueAsString();
			}
			else {
				parser.skipChildren();
			}
		}
		return result;
	}

}
