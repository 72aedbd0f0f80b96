-- Positions are Kafka offsets, so a room's first message can have position 0, and a last-read position of 0
-- would claim it read. "Nothing read" becomes -1. Nothing wrote read positions before this migration, so every
-- 0 stored so far means "nothing read".
ALTER TABLE room_members ALTER COLUMN last_read_position SET DEFAULT -1;
UPDATE room_members SET last_read_position = -1 WHERE last_read_position = 0;
