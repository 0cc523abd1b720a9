-- 008: what the alert rules (lib/alert.c) remember about sign-ins, and
-- the "not you?" link of a sign-in notice.
--
-- Nothing here is needed to find a user's places or devices by their
-- value: countries and devices are stored as keyed hashes (index key) of
-- the user and the value, so the table tells whether a user has signed
-- in from there before and nothing else.  The last sign-in's position
-- (for "impossible travel") is sealed under the user's key: erasing the
-- user erases it.

-- Countries a user has fully signed in from (place = keyed hash of
-- "<user>:<ISO country code>").
CREATE TABLE signin_places (
  user_id BIGINT UNSIGNED NOT NULL,
  place BINARY(32) NOT NULL,
  first_at DATETIME(6) NOT NULL,
  last_at DATETIME(6) NOT NULL,
  PRIMARY KEY (user_id, place),
  CONSTRAINT signin_places_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The newest located sign-in of each user: when, and where (JSON
-- {"lat":..,"lon":..,"cc":".."}, sealed under the user's key, AAD
-- signin_last.loc_enc.<user_id>).
CREATE TABLE signin_last (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  loc_enc VARBINARY(300) NOT NULL,
  CONSTRAINT signin_last_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Browsers a user has fully signed in with: the random id of their
-- __Host-pf_dev cookie, as a keyed hash of "<user>:<id>".
CREATE TABLE known_devices (
  user_id BIGINT UNSIGNED NOT NULL,
  device BINARY(32) NOT NULL,
  first_at DATETIME(6) NOT NULL,
  last_at DATETIME(6) NOT NULL,
  PRIMARY KEY (user_id, device),
  CONSTRAINT known_devices_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The link of a sign-in notice ("not you?"), which ends every session.
ALTER TABLE auth_tokens
  MODIFY kind ENUM('magic','reset','setup','verify','secure') CHARACTER SET ascii NOT NULL;
