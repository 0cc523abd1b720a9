-- 003: user accounts.  Personal data is stored only encrypted (columns
-- *_enc, sealed by lib/keys.c under the user's own data key, bound to
-- table, column and row), so destroying that key erases it everywhere.
-- The e-mail address is found through its blind index (HMAC-SHA256 of the
-- normalised address under the index key), which is also what makes it
-- unique.  A row is inserted first and sealed in the same transaction,
-- because the row id is part of every ciphertext.

CREATE TABLE users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email_bidx BINARY(32) NULL,
  email_enc VARBINARY(400) NULL,
  name_enc VARBINARY(1000) NULL,
  phone_enc VARBINARY(100) NULL,
  lang CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'de',
  status ENUM('invited','active','locked','disabled') CHARACTER SET ascii
    NOT NULL DEFAULT 'invited',
  -- the organisation model arrives with the roles migration
  org_id BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY users_email (email_bidx),
  KEY users_org (org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
