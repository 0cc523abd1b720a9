-- 007: the audit trail becomes a tamper-evident chain.
--
-- Each row carries mac = HMAC-SHA256 over its content and the previous
-- row's mac, under the audit key (data_keys scope 'audit', row mac_key).
-- Rows are numbered by the writers themselves: a writer takes the lock
-- on audit_head, gives its rows the next ids, and moves the head in the
-- same transaction, so ids have no gaps and a deleted row shows as one.
-- The programs may INSERT rows and move the head; they never UPDATE or
-- DELETE a row (grants.sql).  Only retention purging (its own account)
-- deletes the oldest rows, and then moves floor_id/floor_mac up.
--
-- Rows written before this migration have no mac: the chain begins
-- after them (floor_id), and `pforte-admin audit verify` says so.
ALTER TABLE audit_log
  MODIFY id BIGINT UNSIGNED NOT NULL,
  MODIFY created_at DATETIME(6) NOT NULL,
  MODIFY event VARCHAR(64) CHARACTER SET ascii NOT NULL,
  -- the acting user's organisation (actor_id's org at the time)
  ADD COLUMN actor_org_id BIGINT UNSIGNED NULL AFTER actor_id,
  -- keyed hashes (index key) of the client address and of its network
  -- (/24 or /48): filters and alert rules find rows by them, the address
  -- itself stays sealed in ip_enc
  ADD COLUMN ip_idx BINARY(32) NULL AFTER ip_enc,
  ADD COLUMN net_idx BINARY(32) NULL AFTER ip_idx,
  -- the client's User-Agent (first 512 bytes), sealed under the system key
  ADD COLUMN ua_enc VARBINARY(1200) NULL AFTER net_idx,
  ADD COLUMN mac_key BIGINT UNSIGNED NULL,
  ADD COLUMN mac BINARY(32) NULL,
  ADD KEY audit_log_event (event, created_at),
  ADD KEY audit_log_ip (ip_idx, created_at),
  ADD KEY audit_log_net (net_idx, created_at);

CREATE TABLE audit_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  -- the newest row of the chain and its mac (NULL while the chain is empty)
  last_id BIGINT UNSIGNED NOT NULL,
  last_mac BINARY(32) NULL,
  -- the first row the chain covers, and the mac its row was chained to
  -- (NULL: none, the chain starts there)
  floor_id BIGINT UNSIGNED NOT NULL,
  floor_mac BINARY(32) NULL,
  CONSTRAINT audit_head_one CHECK (id = 1)
) ENGINE=InnoDB;
INSERT INTO audit_head (id, last_id, last_mac, floor_id, floor_mac)
  SELECT 1, COALESCE(MAX(id), 0), NULL, COALESCE(MAX(id), 0) + 1, NULL FROM audit_log;

ALTER TABLE data_keys
  MODIFY scope ENUM('system','index','org','user','document','audit') CHARACTER SET ascii NOT NULL,
  -- kept: rotated out, but audit rows (which are never rewritten) hold
  -- values under it, so it stays for reading
  MODIFY state ENUM('active','retiring','retired','kept') CHARACTER SET ascii NOT NULL DEFAULT 'active';

-- Where each SIEM output (pforte-siem) has got to: events after last_id
-- are still to be sent.  A SIEM that is down loses nothing.
CREATE TABLE siem_cursor (
  name VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  last_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)
) ENGINE=InnoDB;

-- Security alerts (lib/alert.c): raised as events are written, listed and
-- acknowledged in the admin area.  dedup is a keyed hash (index key) of
-- the rule and what it is about (user, address, ...): an alert with the
-- same dedup within Alerts.SuppressMinutes is not raised again.
CREATE TABLE alerts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  rule VARCHAR(32) CHARACTER SET ascii NOT NULL,
  severity ENUM('medium','high','critical') CHARACTER SET ascii NOT NULL,
  -- whom or what it concerns (NULL: an address, not an account)
  user_id BIGINT UNSIGNED NULL,
  org_id BIGINT UNSIGNED NULL,
  -- the audit event that raised it
  audit_id BIGINT UNSIGNED NULL,
  dedup BINARY(32) NOT NULL,
  -- what was seen (JSON: counts, country, address, ...), sealed under the
  -- system key
  detail_enc VARBINARY(4000) NULL,
  state ENUM('open','acknowledged') CHARACTER SET ascii NOT NULL DEFAULT 'open',
  acked_by BIGINT UNSIGNED NULL,
  acked_at DATETIME(6) NULL,
  KEY alerts_dedup (dedup, created_at),
  KEY alerts_state (state, created_at),
  KEY alerts_org (org_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Key users read their own organisation's audit events and alerts.
INSERT IGNORE INTO role_permissions (role_id, permission)
  SELECT id, 'audit.read' FROM roles WHERE name = 'key-user' AND builtin = 1;
