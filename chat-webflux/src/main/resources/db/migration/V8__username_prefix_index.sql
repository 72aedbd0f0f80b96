-- User search by the start of a name (GET /api/users?prefix=): a byte-ordered index on the
-- lower-case name serves both the prefix range (LIKE 'abc%') and the name order with LIMIT,
-- so a search reads only the rows it answers. Names are ASCII, so byte order is name order.
CREATE INDEX users_username_prefix_idx ON users ((lower(username)) COLLATE "C");
