-- Sessions of the web pages: a signed-in browser holds a random cookie whose SHA-256 is the key
-- here. A session lives no longer than the token it was opened with (revoking the token deletes
-- its sessions) nor past expires_at. csrf is the token every state-changing form carries.

CREATE TABLE ui_session (
  hash        VARCHAR(64) PRIMARY KEY,
  token_hash  VARCHAR(64) NOT NULL REFERENCES token (hash) ON DELETE CASCADE,
  csrf        VARCHAR(64) NOT NULL,
  created_at  BIGINT      NOT NULL,
  expires_at  BIGINT      NOT NULL
);
CREATE INDEX ui_session_expiry ON ui_session (expires_at);
CREATE INDEX ui_session_token ON ui_session (token_hash);
