-- Audit entries are signed (HMAC-SHA256 of the entry's hash, with a key kept outside the database).
ALTER TABLE audit_log ADD COLUMN sig VARCHAR(64);
-- Whether vendors see each other's submission counts and last times on the leaderboard.
ALTER TABLE project ADD COLUMN show_vendor_activity BOOLEAN DEFAULT FALSE NOT NULL;
