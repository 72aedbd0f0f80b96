-- What the message store (a load-balanced consumer group) writes besides the messages themselves.

-- The message id clients see (derived from sender and client message id), and the sender's name as it was,
-- so that history and recovery read one table.
ALTER TABLE messages ADD COLUMN message_id UUID NOT NULL;
ALTER TABLE messages ADD COLUMN sender_name VARCHAR(32) NOT NULL;
-- Recovery reads WHERE room_id = ? AND position > ? ORDER BY position: served by messages_room_position_key.

-- How far the message store got, per partition: every record below next_offset is stored (or dead-lettered).
-- Written in the same transaction as the messages, so it never claims more than the table holds.
-- Recovery waits on it to know that the database has everything a live stream did not deliver.
CREATE TABLE message_store_progress (
    topic           VARCHAR(255) NOT NULL,
    kafka_partition INT          NOT NULL,
    next_offset     BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition)
);
