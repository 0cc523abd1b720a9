-- 002: data keys for encryption at rest (lib/keys.c).
--
-- Each row is one AES-256 data key, wrapped (AES-256-GCM) by the key-
-- encryption key named in `kek`, which the key provider holds (a key file
-- or a PKCS#11 token) and which is never stored here.  Scope and owner are
-- bound into the wrapping, so a wrapped key only unwraps where it belongs.
-- Exactly one key per (scope, owner) is active: new values are sealed under
-- it.  Rotation marks it 'retiring', re-encrypts, then retires it; a
-- retired or destroyed key has no key material left (wrapped IS NULL).

CREATE TABLE data_keys (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scope ENUM('system','index','org','user') CHARACTER SET ascii NOT NULL,
  owner BIGINT UNSIGNED NOT NULL DEFAULT 0,
  kek VARCHAR(32) CHARACTER SET ascii NOT NULL,
  wrapped VARBINARY(60) NULL,
  state ENUM('active','retiring','retired') CHARACTER SET ascii NOT NULL DEFAULT 'active',
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  retired_at DATETIME(6) NULL,
  -- NULL unless active, so the unique key allows one active key per owner
  active TINYINT AS (IF(state = 'active', 1, NULL)) PERSISTENT,
  UNIQUE KEY data_keys_one_active (scope, owner, active),
  KEY data_keys_owner (scope, owner, state),
  KEY data_keys_kek (kek),
  CONSTRAINT data_keys_material CHECK (state = 'retired' OR wrapped IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
