-- One schema for the embedded H2 store (run in PostgreSQL mode) and for PostgreSQL.
-- Times are epoch milliseconds; reports are JSON text.

CREATE TABLE principal (
  id          VARCHAR(40)  PRIMARY KEY,
  kind        VARCHAR(10)  NOT NULL,
  name        VARCHAR(200) NOT NULL UNIQUE,
  created_at  BIGINT       NOT NULL
);

CREATE TABLE token (
  hash          VARCHAR(64) PRIMARY KEY,
  principal_id  VARCHAR(40) NOT NULL REFERENCES principal (id),
  created_at    BIGINT      NOT NULL
);

CREATE TABLE project (
  id                 VARCHAR(40)  PRIMARY KEY,
  name               VARCHAR(200) NOT NULL,
  suite_yaml         TEXT         NOT NULL,
  status             VARCHAR(20)  NOT NULL,
  split_seed         BIGINT       NOT NULL,
  public_share       DOUBLE PRECISION NOT NULL,
  rows_public        INTEGER,
  rows_private       INTEGER,
  data_sha256        VARCHAR(64),
  show_vendor_names  BOOLEAN      NOT NULL,
  daily_quota        INTEGER      NOT NULL,
  max_upload_bytes   BIGINT       NOT NULL,
  ladder             VARCHAR(20)  NOT NULL,
  ladder_step        DOUBLE PRECISION NOT NULL,
  created_at         BIGINT       NOT NULL
);

CREATE TABLE membership (
  project_id          VARCHAR(40) NOT NULL REFERENCES project (id),
  vendor_id           VARCHAR(40) NOT NULL REFERENCES principal (id),
  shown_score         DOUBLE PRECISION,
  best_submission_id  VARCHAR(40),
  invited_at          BIGINT      NOT NULL,
  PRIMARY KEY (project_id, vendor_id)
);

CREATE TABLE submission (
  id             VARCHAR(40)  PRIMARY KEY,
  project_id     VARCHAR(40)  NOT NULL REFERENCES project (id),
  vendor_id      VARCHAR(40)  NOT NULL REFERENCES principal (id),
  name           VARCHAR(200) NOT NULL,
  file_name      VARCHAR(100) NOT NULL,
  sha256         VARCHAR(64)  NOT NULL,
  bytes          BIGINT       NOT NULL,
  utc_day        BIGINT       NOT NULL,
  created_at     BIGINT       NOT NULL,
  status         VARCHAR(10)  NOT NULL,
  error          TEXT,
  finished_at    BIGINT,
  public_score   DOUBLE PRECISION,
  shown_score    DOUBLE PRECISION,
  verdict        VARCHAR(20),
  report_public  TEXT,
  report_private TEXT,
  report_all     TEXT
);
CREATE INDEX submission_quota ON submission (project_id, vendor_id, utc_day);
CREATE INDEX submission_status ON submission (status);

CREATE TABLE champion (
  project_id     VARCHAR(40) NOT NULL REFERENCES project (id),
  position       INTEGER     NOT NULL,
  submission_id  VARCHAR(40) NOT NULL REFERENCES submission (id),
  promoted_at    BIGINT      NOT NULL,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE audit_log (
  seq         BIGINT       PRIMARY KEY,
  at          BIGINT       NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  action      VARCHAR(40)  NOT NULL,
  project_id  VARCHAR(40),
  subject     VARCHAR(40),
  details     TEXT         NOT NULL,
  prev_hash   VARCHAR(64)  NOT NULL,
  hash        VARCHAR(64)  NOT NULL
);

-- The chain's head: appends lock this row, so entries are numbered and chained one at a time.
CREATE TABLE audit_head (
  id    INTEGER     PRIMARY KEY,
  seq   BIGINT      NOT NULL,
  hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
