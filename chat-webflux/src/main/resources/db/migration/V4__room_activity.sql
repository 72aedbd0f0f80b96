-- The room list by activity (GET /api/me/rooms): each room's latest stored message, kept by the message store
-- with one upsert per room per stored batch (never per message, never per recipient).
CREATE TABLE room_activity (
    room_id          BIGINT       PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    -- The latest stored message: its position only grows (the upsert keeps the larger one).
    last_position    BIGINT       NOT NULL,
    message_id       UUID         NOT NULL,
    sender_id        BIGINT       NOT NULL,
    sender_name      VARCHAR(32)  NOT NULL,
    -- The content cut to 140 characters (code points).
    preview          VARCHAR(140) NOT NULL,
    -- When the node accepted the message (the message's created_at).
    last_activity_at TIMESTAMPTZ  NOT NULL
);

-- Unread counts read WHERE room_id = ? AND position > ? (and skip the caller's own messages): served by
-- messages_room_position_key. The room list sorts a user's memberships (room_members_user_idx) in memory: a user's
-- rooms are few (bounded by what one person joins), so no index on the computed activity is needed.
