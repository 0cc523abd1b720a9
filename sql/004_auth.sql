-- 004: authentication.  Secrets are never stored as they are: passwords as
-- argon2id hashes (themselves sealed under the user's key, so a stolen
-- database without the key provider cannot even be cracked offline),
-- session and one-time tokens and codes as SHA-256 hashes, the TOTP secret
-- sealed.  What identifies a person (IP address, user agent) is sealed too.

ALTER TABLE users
  ADD COLUMN pw_enc VARBINARY(300) NULL AFTER phone_enc,
  ADD COLUMN pw_changed_at DATETIME(6) NULL AFTER pw_enc,
  ADD COLUMN email_verified_at DATETIME(6) NULL AFTER pw_changed_at;

-- A session: only the SHA-256 of its 256-bit token is stored.  level 1
-- means the first factor (password or magic link) is done, 2 both.
-- mailbox = 1 when this session proved control of the mailbox (magic
-- link, e-mail code, setup link): only such a session may enrol the first
-- second factor.  next is where to continue after the second factor.
CREATE TABLE sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  level TINYINT UNSIGNED NOT NULL,
  first_method ENUM('password','magic','setup') CHARACTER SET ascii NOT NULL,
  second_method ENUM('totp','email','sms','recovery','enrol') CHARACTER SET ascii NULL,
  mailbox TINYINT UNSIGNED NOT NULL DEFAULT 0,
  next_path VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  ip_enc VARBINARY(200) NULL,
  ua_enc VARBINARY(700) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  last_seen DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at DATETIME(6) NOT NULL,
  UNIQUE KEY sessions_token (token_hash),
  KEY sessions_user (user_id),
  KEY sessions_expiry (expires_at),
  CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time links: magic link, password reset, account setup (the
-- invitation an administrator hands out), verification of a new address
-- (data_enc holds it, sealed).  A newer token of the same kind for the
-- same user replaces the older one.
CREATE TABLE auth_tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('magic','reset','setup','verify') CHARACTER SET ascii NOT NULL,
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  next_path VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  data_enc VARBINARY(400) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  UNIQUE KEY auth_tokens_hash (token_hash),
  KEY auth_tokens_user (user_id, kind),
  CONSTRAINT auth_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Codes sent by e-mail or SMS for the second factor: bound to the session
-- that asked for them, hashed, single use, short-lived.
CREATE TABLE auth_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  session_id BIGINT UNSIGNED NOT NULL,
  channel ENUM('email','sms') CHARACTER SET ascii NOT NULL,
  code_hash BINARY(32) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  KEY auth_codes_session (session_id, channel),
  CONSTRAINT auth_codes_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- TOTP: one authenticator per user.  confirmed = 0 while enrolment waits
-- for the first code.  last_step is the time step of the last accepted
-- code: a code is never accepted twice.
CREATE TABLE totp (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE,
  secret_enc VARBINARY(200) NOT NULL,
  confirmed TINYINT UNSIGNED NOT NULL DEFAULT 0,
  last_step BIGINT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  CONSTRAINT totp_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Recovery codes: shown once, stored hashed, each usable once.
CREATE TABLE recovery_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  code_hash BINARY(32) NOT NULL,
  used_at DATETIME(6) NULL,
  UNIQUE KEY recovery_codes_hash (user_id, code_hash),
  CONSTRAINT recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failure counters shared by every process and web node.  subject is a
-- keyed hash (the blind index) of what is counted: an address (whether
-- or not an account has it, so a lock reveals nothing), an IP address or
-- a session.
CREATE TABLE auth_throttle (
  kind ENUM('account','ip','code','magic','magic_ip') CHARACTER SET ascii NOT NULL,
  subject BINARY(32) NOT NULL,
  failures INT UNSIGNED NOT NULL DEFAULT 0,
  last_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  locked_until DATETIME(6) NULL,
  PRIMARY KEY (kind, subject),
  KEY auth_throttle_age (last_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The audit trail: every login attempt, factor check, lock, reset and
-- logout.  Rows are only ever inserted (the programs have no UPDATE or
-- DELETE on it beyond sealing their own new row).  The IP address is
-- personal data: sealed under the system key.
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  program VARCHAR(16) CHARACTER SET ascii NOT NULL,
  event VARCHAR(40) CHARACTER SET ascii NOT NULL,
  outcome ENUM('ok','fail','info') CHARACTER SET ascii NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  session_id BIGINT UNSIGNED NULL,
  request_id CHAR(16) CHARACTER SET ascii NOT NULL,
  ip_enc VARBINARY(200) NULL,
  detail VARCHAR(200) CHARACTER SET ascii NOT NULL DEFAULT '',
  KEY audit_log_user (user_id, created_at),
  KEY audit_log_time (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
