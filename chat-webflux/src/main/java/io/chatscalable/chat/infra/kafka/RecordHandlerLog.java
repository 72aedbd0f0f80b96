package io.chatscalable.chat.infra.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log line of a skipped record. */
final class RecordHandlerLog {

	private static final Logger log = LoggerFactory.getLogger(RecordHandler.class);

	private RecordHandlerLog() {
	}

	static void skipped(IncomingRecord record, Throwable error) {
		log.error("Skipping {} after its last attempt failed: {}", record.coordinates(), error.toString());
	}

}
