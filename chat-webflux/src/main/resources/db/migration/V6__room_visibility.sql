-- Private rooms and direct conversations (issue 14). A public room is open to anyone (as before); a private one
-- only to its members, who add others. A direct conversation is a private room of two users.
ALTER TABLE rooms ADD COLUMN visibility VARCHAR(8) NOT NULL DEFAULT 'PUBLIC';
ALTER TABLE rooms ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'ROOM';
ALTER TABLE rooms ADD CONSTRAINT rooms_visibility_check CHECK (visibility IN ('PUBLIC', 'PRIVATE'));
-- A direct conversation is always private.
ALTER TABLE rooms ADD CONSTRAINT rooms_kind_check
    CHECK (kind IN ('ROOM', 'DIRECT') AND (kind = 'ROOM' OR visibility = 'PRIVATE'));
