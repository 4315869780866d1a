-- The prediction log, its judged windows and their alerts (issue 21). V3 is the web interface's.
-- A log or outcomes batch is stored whole, as canonical CSV, with the rows and times it spans:
-- one insert per batch keeps ingestion fast, and a window reads the batches that overlap it.

-- Service accounts write a project's log and nothing else.
CREATE TABLE service_access (
  project_id    VARCHAR(40) NOT NULL REFERENCES project (id),
  principal_id  VARCHAR(40) NOT NULL REFERENCES principal (id),
  granted_at    BIGINT      NOT NULL,
  PRIMARY KEY (project_id, principal_id)
);

CREATE TABLE log_batch (
  project_id  VARCHAR(40)  NOT NULL REFERENCES project (id),
  batch_id    VARCHAR(200) NOT NULL,
  kind        VARCHAR(10)  NOT NULL,
  sha256      VARCHAR(64)  NOT NULL,
  row_count   INTEGER      NOT NULL,
  first_row   BIGINT       NOT NULL,
  min_time    BIGINT,
  max_time    BIGINT,
  body        TEXT         NOT NULL,
  ack         TEXT         NOT NULL,
  created_at  BIGINT       NOT NULL,
  PRIMARY KEY (project_id, batch_id)
);
CREATE INDEX log_batch_rows ON log_batch (project_id, kind, first_row);

CREATE TABLE monitor_window (
  project_id    VARCHAR(40)  NOT NULL REFERENCES project (id),
  window_key    BIGINT       NOT NULL,
  label         VARCHAR(40)  NOT NULL,
  starts        VARCHAR(40)  NOT NULL,
  ends          VARCHAR(40)  NOT NULL,
  row_count     BIGINT       NOT NULL,
  labeled_rows  BIGINT       NOT NULL,
  status        VARCHAR(10)  NOT NULL,
  result        TEXT         NOT NULL,
  estimate      TEXT,
  judged_at     BIGINT       NOT NULL,
  PRIMARY KEY (project_id, window_key)
);

CREATE TABLE alert_hook (
  project_id  VARCHAR(40)   NOT NULL REFERENCES project (id),
  position    INTEGER       NOT NULL,
  url         VARCHAR(2000) NOT NULL,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE alert_secret (
  project_id  VARCHAR(40) PRIMARY KEY REFERENCES project (id),
  secret      VARCHAR(100) NOT NULL
);

CREATE TABLE alert (
  id          VARCHAR(40)  PRIMARY KEY,
  project_id  VARCHAR(40)  NOT NULL REFERENCES project (id),
  window_key  BIGINT       NOT NULL,
  kind        VARCHAR(30)  NOT NULL,
  subject     VARCHAR(200) NOT NULL,
  payload     TEXT         NOT NULL,
  created_at  BIGINT       NOT NULL,
  UNIQUE (project_id, window_key, kind, subject)
);

-- One row per alert and webhook: sent_at is set once the hook answered 2xx, so a restart does not send it again.
CREATE TABLE alert_delivery (
  alert_id    VARCHAR(40)   NOT NULL REFERENCES alert (id),
  url         VARCHAR(2000) NOT NULL,
  attempts    INTEGER       NOT NULL,
  sent_at     BIGINT,
  last_error  TEXT,
  PRIMARY KEY (alert_id, url)
);
