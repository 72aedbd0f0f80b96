-- At most one direct conversation per pair of users: the pair, lower id first, is the key, so two concurrent
-- "find or create" calls of the same pair cannot both create one (the second waits on the key, then finds it).
CREATE TABLE direct_conversations (
    user_low   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_high  BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    room_id    BIGINT      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_low, user_high),
    CONSTRAINT direct_conversations_room_key UNIQUE (room_id),
    CONSTRAINT direct_conversations_order_check CHECK (user_low < user_high)
);
