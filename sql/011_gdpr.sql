-- 011: data protection (GDPR): legal texts and who accepted them, consent
-- to optional processing and its withdrawal, erasure requests and legal
-- holds, and the record of processing activities (Art. 30).
--
-- Personal values here are sealed under the user's key like everywhere
-- else, so that erasing the user (destroying the key) erases them in
-- every backup too.  Legal texts and processing activities are the
-- company's own documents: stored in clear.

-- Terms of use and privacy notice, versioned.  A published version is
-- never edited: a change is a new version, which every user accepts
-- again.  Bodies are plain text (paragraphs separated by blank lines);
-- the pages escape them, markup shows as typed.
CREATE TABLE legal_texts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('terms','privacy') CHARACTER SET ascii NOT NULL,
  version INT UNSIGNED NOT NULL,
  title_de VARCHAR(200) NOT NULL,
  title_en VARCHAR(200) NOT NULL,
  body_de MEDIUMTEXT NOT NULL,
  body_en MEDIUMTEXT NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  -- NULL: a draft; the newest published version of a kind is in force
  published_at DATETIME(6) NULL,
  UNIQUE KEY legal_texts_version (kind, version),
  KEY legal_texts_published (kind, published_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ledger: who accepted which version, when, from which address
-- (sealed under the user's key: AAD legal_acceptances.ip_enc.<id>).
CREATE TABLE legal_acceptances (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  text_id BIGINT UNSIGNED NOT NULL,
  accepted_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  ip_enc VARBINARY(200) NULL,
  UNIQUE KEY legal_acceptances_one (user_id, text_id),
  CONSTRAINT legal_acceptances_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT legal_acceptances_text FOREIGN KEY (text_id) REFERENCES legal_texts (id)
) ENGINE=InnoDB;

-- Processing whose legal basis is consent (Art. 6(1)(a)): optional, off
-- until the user agrees, withdrawn as easily, effective at once.
CREATE TABLE consent_purposes (
  name VARCHAR(40) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  label_de VARCHAR(200) NOT NULL,
  label_en VARCHAR(200) NOT NULL,
  text_de VARCHAR(2000) NOT NULL,
  text_en VARCHAR(2000) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO consent_purposes (name, label_de, label_en, text_de, text_en) VALUES
  ('notify.decisions', 'Kopien meiner Entscheidungen',
   'Copies of my decisions',
   'Wenn Sie über einen Rollenantrag entscheiden, erhalten Sie eine Kopie Ihrer Entscheidung per E-Mail.',
   'When you decide on a role request, you receive a copy of your decision by e-mail.');

-- The state of each consent, and every change of it (the ledger: the
-- address sealed under the user's key).
CREATE TABLE user_consents (
  user_id BIGINT UNSIGNED NOT NULL,
  purpose VARCHAR(40) CHARACTER SET ascii NOT NULL,
  granted TINYINT UNSIGNED NOT NULL,
  changed_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  PRIMARY KEY (user_id, purpose),
  CONSTRAINT user_consents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT user_consents_purpose FOREIGN KEY (purpose) REFERENCES consent_purposes (name)
) ENGINE=InnoDB;

CREATE TABLE consent_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  purpose VARCHAR(40) CHARACTER SET ascii NOT NULL,
  action ENUM('granted','withdrawn') CHARACTER SET ascii NOT NULL,
  changed_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  ip_enc VARBINARY(200) NULL,
  KEY consent_log_user (user_id, id),
  CONSTRAINT consent_log_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT consent_log_purpose FOREIGN KEY (purpose) REFERENCES consent_purposes (name)
) ENGINE=InnoDB;

-- Erasure (Art. 17): requested by the user (due after Gdpr.ErasureGraceDays,
-- cancellable until then) or by an administrator (due at once).
-- `pforte-admin gdpr erase` carries out what is due.  user_id has no
-- foreign key: the row outlives the user as the record that the erasure
-- happened (nothing personal in it but the number, which then points
-- nowhere).
CREATE TABLE erasure_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  org_id BIGINT UNSIGNED NULL,
  requested_by BIGINT UNSIGNED NULL,
  requested_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  due_at DATETIME(6) NOT NULL,
  status ENUM('pending','cancelled','held','done') CHARACTER SET ascii NOT NULL
    DEFAULT 'pending',
  decided_at DATETIME(6) NULL,
  -- one pending request per user (NULL otherwise)
  is_open TINYINT AS (IF(status IN ('pending','held'), 1, NULL)) PERSISTENT,
  UNIQUE KEY erasure_requests_open (user_id, is_open),
  KEY erasure_requests_due (status, due_at)
) ENGINE=InnoDB;

-- Legal holds: data that must be kept although its person asks for
-- erasure (e.g. invoices, Section 147 AO: 10 years).  A held user's
-- erasure waits until the hold ends; the user is told why and until when.
CREATE TABLE legal_holds (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  reason_de VARCHAR(500) NOT NULL,
  reason_en VARCHAR(500) NOT NULL,
  until_at DATETIME(6) NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  KEY legal_holds_user (user_id, until_at),
  CONSTRAINT legal_holds_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The record of processing activities (Art. 30, "Verarbeitungsverzeichnis").
-- Free text per field, in both languages where it is prose.
CREATE TABLE processing_activities (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name_de VARCHAR(200) NOT NULL,
  name_en VARCHAR(200) NOT NULL,
  purpose_de TEXT NOT NULL,
  purpose_en TEXT NOT NULL,
  legal_basis VARCHAR(200) NOT NULL,
  data_categories TEXT NOT NULL,
  subject_categories TEXT NOT NULL,
  recipients TEXT NOT NULL,
  third_country TEXT NOT NULL,
  retention TEXT NOT NULL,
  toms TEXT NOT NULL,
  updated_by BIGINT UNSIGNED NULL,
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Processors (Art. 28) with their data processing agreement
-- ("AV-Vertrag"), and which activities use them.
CREATE TABLE processors (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  service VARCHAR(500) NOT NULL,
  country VARCHAR(100) NOT NULL,
  dpa_signed DATE NULL,
  dpa_reference VARCHAR(200) NOT NULL DEFAULT '',
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE activity_processors (
  activity_id BIGINT UNSIGNED NOT NULL,
  processor_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (activity_id, processor_id),
  CONSTRAINT activity_processors_a FOREIGN KEY (activity_id)
    REFERENCES processing_activities (id) ON DELETE CASCADE,
  CONSTRAINT activity_processors_p FOREIGN KEY (processor_id)
    REFERENCES processors (id) ON DELETE CASCADE
) ENGINE=InnoDB;
