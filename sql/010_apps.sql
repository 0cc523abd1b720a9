-- 010: applications that sign their users in through Pforte (OpenID
-- Connect relying parties) and the state of the protocol (cgi-bin/token*.c).
--
-- An application's client_id is the seed's "application_key".  Its secret
-- is 256 random bits shown once; only its SHA-256 is stored (a secret of
-- that strength needs no slow hash) and compared in constant time.  A
-- public client (secret_hash NULL) must use PKCE.  Nothing here is
-- personal data except what points at a user by id: names, URIs and
-- scopes of applications are the company's own configuration.
--
-- Codes and refresh tokens are stored as SHA-256 of their text, never the
-- text.  Access tokens are JWTs; their jti's hash is recorded so that
-- introspection and revocation know them.

CREATE TABLE apps (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(200) NOT NULL,
  icon VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  secret_hash BINARY(32) NULL,
  status ENUM('active','disabled') CHARACTER SET ascii NOT NULL DEFAULT 'active',
  -- trusted: no consent screen (the company's own applications)
  trusted TINYINT UNSIGNED NOT NULL DEFAULT 0,
  -- pairwise: each application sees its own sub for a user
  pairwise TINYINT UNSIGNED NOT NULL DEFAULT 0,
  -- 'all': every signed-in user; 'restricted': those app_access names
  audience ENUM('all','restricted') CHARACTER SET ascii NOT NULL DEFAULT 'restricted',
  grant_types SET('authorization_code','refresh_token','client_credentials')
    CHARACTER SET ascii NOT NULL DEFAULT 'authorization_code,refresh_token',
  -- space-separated scopes the application may ask for
  scopes VARCHAR(500) CHARACTER SET ascii NOT NULL DEFAULT 'openid profile email',
  initiate_login_uri VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  frontchannel_logout_uri VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  backchannel_logout_uri VARCHAR(1000) CHARACTER SET ascii NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY apps_client (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Registered URIs, compared byte for byte (OIDC Core 3.1.2.1).
CREATE TABLE app_uris (
  app_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('redirect','post_logout') CHARACTER SET ascii NOT NULL,
  uri VARCHAR(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (app_id, kind, uri),
  CONSTRAINT app_uris_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- Who may use a restricted application: holders of a role (a live grant,
-- as pf_may reads them) or members of an organisation.
CREATE TABLE app_access (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id BIGINT UNSIGNED NOT NULL,
  role_id BIGINT UNSIGNED NULL,
  org_id BIGINT UNSIGNED NULL,
  UNIQUE KEY app_access_one (app_id, role_id, org_id),
  CONSTRAINT app_access_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE,
  CONSTRAINT app_access_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
  CONSTRAINT app_access_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE,
  CONSTRAINT app_access_what CHECK ((role_id IS NULL) <> (org_id IS NULL))
) ENGINE=InnoDB;

-- The subject identifier: random, never the row id (which would tell how
-- many users there are), stable for the account's life.  sub_salt never
-- leaves the database: pairwise subjects are SHA-256(sector, sub,
-- sub_salt), which no application can link to another's.  Erasing the
-- user erases both.
ALTER TABLE users
  ADD COLUMN sub CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN sub_salt BINARY(16) NULL;
UPDATE users SET
  sub = REPLACE(REPLACE(LEFT(TO_BASE64(RANDOM_BYTES(16)), 22), '+', '-'), '/', '_'),
  sub_salt = RANDOM_BYTES(16);
ALTER TABLE users
  MODIFY sub CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    DEFAULT (REPLACE(REPLACE(LEFT(TO_BASE64(RANDOM_BYTES(16)), 22), '+', '-'), '/', '_')),
  MODIFY sub_salt BINARY(16) NOT NULL DEFAULT (RANDOM_BYTES(16)),
  ADD UNIQUE KEY users_sub (sub);

-- The session's identifier towards applications (OIDC sid, for logout):
-- random, made at the session's first authorization.  An authorization
-- request waits in next_path while the user signs in: room for it.
ALTER TABLE sessions
  ADD COLUMN sso_sid CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD UNIQUE KEY sessions_sid (sso_sid),
  MODIFY next_path VARCHAR(2048) CHARACTER SET ascii NOT NULL DEFAULT '';
ALTER TABLE auth_tokens
  MODIFY next_path VARCHAR(2048) CHARACTER SET ascii NOT NULL DEFAULT '';

-- Authorization codes: single use within 60 s.  used_at is set by the one
-- exchange that wins; a second presentation finds it set and revokes
-- every token issued for the code (RFC 6749 4.1.2).
CREATE TABLE oidc_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code_hash BINARY(32) NOT NULL,
  app_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  session_id BIGINT UNSIGNED NULL,
  redirect_uri VARCHAR(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  scope VARCHAR(500) CHARACTER SET ascii NOT NULL,
  nonce VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  code_challenge CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NULL,
  sid CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  auth_time DATETIME(6) NOT NULL,
  amr VARCHAR(64) CHARACTER SET ascii NOT NULL,
  acr VARCHAR(64) CHARACTER SET ascii NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  UNIQUE KEY oidc_codes_hash (code_hash),
  KEY oidc_codes_expiry (expires_at),
  KEY oidc_codes_user (user_id),
  CONSTRAINT oidc_codes_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE,
  CONSTRAINT oidc_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Refresh tokens (opaque, hash of the text) and access tokens (hash of
-- the JWT's jti).  A refresh token is rotated at use (used_at set, a
-- child issued in the same family); presenting a used one again revokes
-- the whole family (reuse detection, OAuth 2.0 Security BCP 4.14).
-- user_id is NULL for client_credentials.
CREATE TABLE oidc_tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('refresh','access') CHARACTER SET ascii NOT NULL,
  token_hash BINARY(32) NOT NULL,
  app_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  session_id BIGINT UNSIGNED NULL,
  code_id BIGINT UNSIGNED NULL,
  family_id BIGINT UNSIGNED NULL,
  scope VARCHAR(500) CHARACTER SET ascii NOT NULL,
  sid CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  auth_time DATETIME(6) NULL,
  amr VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  acr VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  revoked_at DATETIME(6) NULL,
  UNIQUE KEY oidc_tokens_hash (token_hash),
  KEY oidc_tokens_family (family_id),
  KEY oidc_tokens_code (code_id),
  KEY oidc_tokens_user (user_id, app_id),
  KEY oidc_tokens_session (session_id),
  KEY oidc_tokens_expiry (expires_at),
  CONSTRAINT oidc_tokens_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE,
  CONSTRAINT oidc_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Which applications a portal session signed in to, for logout.  No
-- foreign key to sessions: the rows must outlive the session's row until
-- the applications have been told.
CREATE TABLE sso_participants (
  session_id BIGINT UNSIGNED NOT NULL,
  app_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  sid CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  PRIMARY KEY (session_id, app_id),
  KEY sso_participants_user (user_id),
  CONSTRAINT sso_participants_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE,
  CONSTRAINT sso_participants_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Consent to an untrusted application: the scopes a user allowed it.
-- Revoking deletes the row and the application's tokens for the user.
CREATE TABLE consents (
  user_id BIGINT UNSIGNED NOT NULL,
  app_id BIGINT UNSIGNED NOT NULL,
  scopes VARCHAR(500) CHARACTER SET ascii NOT NULL,
  granted_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  PRIMARY KEY (user_id, app_id),
  CONSTRAINT consents_app FOREIGN KEY (app_id) REFERENCES apps (id) ON DELETE CASCADE,
  CONSTRAINT consents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
