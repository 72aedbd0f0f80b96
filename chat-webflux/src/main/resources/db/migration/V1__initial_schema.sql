-- The first schema. PostgreSQL is the source of truth for users, rooms, memberships and messages;
-- Redis only caches, Kafka only transports.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    -- NULL: the user signed up without a password and logs in by name alone.
    password_hash VARCHAR(100),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- Usernames are unique regardless of case; concurrent signups of one name race on this index.
CREATE UNIQUE INDEX users_username_ci_key ON users (lower(username));

CREATE TABLE rooms (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       VARCHAR(64) NOT NULL,
    created_by BIGINT      NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE room_members (
    room_id            BIGINT      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id            BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The position of the last message this member has read in this room (0: none).
    last_read_position BIGINT      NOT NULL DEFAULT 0,
    joined_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);
-- "Which rooms is this user in?"
CREATE INDEX room_members_user_idx ON room_members (user_id);

CREATE TABLE messages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Idempotency: the sender-scoped client message id. A redelivered or re-sent message hits this key.
    message_key     VARCHAR(100) NOT NULL,
    room_id         BIGINT       NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    sender_id       BIGINT       NOT NULL REFERENCES users (id),
    content         TEXT         NOT NULL,
    type            VARCHAR(16)  NOT NULL DEFAULT 'TEXT',
    -- Per-room order, identical for every member; only grows.
    position        BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    kafka_partition INT          NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    CONSTRAINT messages_message_key_key UNIQUE (message_key),
    -- Also the index of the history query: WHERE room_id = ? AND position < ? ORDER BY position DESC.
    CONSTRAINT messages_room_position_key UNIQUE (room_id, position)
);

CREATE TABLE outbox (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_type VARCHAR(32)  NOT NULL,
    aggregate_id   VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(64)  NOT NULL,
    payload        JSONB        NOT NULL,
    status         VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
    attempts       INT          NOT NULL DEFAULT 0,
    last_error     TEXT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at        TIMESTAMPTZ,
    CONSTRAINT outbox_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
);
-- The drain query: WHERE status = 'PENDING' ORDER BY id LIMIT ?. Partial, so it stays small.
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE status = 'PENDING';
-- The clean-up query: WHERE status = 'SENT' AND sent_at < ?.
CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE status = 'SENT';
