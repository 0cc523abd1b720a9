-- 009: the signing keys of the single sign-on provider (lib/sigkeys.c,
-- pforte-admin sso key).
--
-- Each row is one key pair for one JWS algorithm.  The public half is
-- stored as PEM in the clear (it is published as JWKS anyway); the
-- private half is sealed under the system data key with the row as
-- additional data (AAD sso_keys.private_enc.<id>), so the database alone
-- never signs a token.  kid is the RFC 7638 thumbprint of the public key.
--
-- Life cycle: 'active' signs new tokens (one per algorithm, the unique key
-- says so; Sso.Alg picks which algorithm the programs sign with).  A new
-- key makes the active one of its algorithm 'retiring': it signs nothing
-- more but stays published until retire_after, the moment the last token
-- it signed has expired (now + Sso.KeyOverlapMinutes).  `sso key retire`
-- then makes it 'retired' and erases its private half.
--
-- private_enc may be NULL for an instant inside the transaction that makes
-- a key: sealing binds the row id, which exists only after the INSERT.
-- Readers refuse an active or retiring key without it (lib/sigkeys.c).

CREATE TABLE sso_keys (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kid VARCHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  alg ENUM('RS256','ES256') CHARACTER SET ascii NOT NULL,
  public_pem TEXT CHARACTER SET ascii NOT NULL,
  private_enc VARBINARY(4096) NULL,
  state ENUM('active','retiring','retired') CHARACTER SET ascii NOT NULL DEFAULT 'active',
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  retire_after DATETIME(6) NULL,
  retired_at DATETIME(6) NULL,
  -- NULL unless active, so the unique key allows one active key per alg
  active TINYINT AS (IF(state = 'active', 1, NULL)) PERSISTENT,
  UNIQUE KEY sso_keys_kid (kid),
  UNIQUE KEY sso_keys_one_active (alg, active),
  KEY sso_keys_state (state, retire_after),
  CONSTRAINT sso_keys_retiring CHECK (state <> 'retiring' OR retire_after IS NOT NULL),
  CONSTRAINT sso_keys_erased CHECK (state <> 'retired' OR private_enc IS NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
