-- 006: documents.  A document belongs to an organisation and has versions;
-- each version's content is stored in chunks of at most 1 MiB, each sealed
-- with AES-256-GCM under the document's own data key (data_keys scope
-- 'document', owner = documents.id) and bound to its version, its place
-- and whether it is the last one, so no chunk can be altered, moved,
-- dropped or added unnoticed.  Title, description and file names are
-- sealed under the same key: purging a document destroys its key and so
-- every copy of its content and metadata, in backups too.
--
-- The content lives in MariaDB, not in a file system, so every web node
-- sees it and backups and replication cover it.  Chunks are written in
-- transactions of their own (a 1 GiB upload is not one 1 GiB transaction,
-- which Galera would refuse); a version is visible only once its state is
-- 'ready', so an interrupted upload never shows.

ALTER TABLE data_keys
  MODIFY scope ENUM('system','index','org','user','document') CHARACTER SET ascii NOT NULL;

-- Per-organisation quota in MiB; NULL: Documents.QuotaMB from the
-- configuration.
ALTER TABLE orgs ADD COLUMN doc_quota_mb INT UNSIGNED NULL;

CREATE TABLE documents (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id BIGINT UNSIGNED NOT NULL,
  category ENUM('contract','invoice','report','certificate','other') CHARACTER SET ascii NULL,
  title_enc VARBINARY(1100) NULL,
  description_enc VARBINARY(8200) NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  -- soft delete: invisible at once, purged after Documents.RetentionDays
  deleted_at DATETIME(6) NULL,
  deleted_by BIGINT UNSIGNED NULL,
  KEY documents_org (org_id, deleted_at),
  KEY documents_deleted (deleted_at),
  CONSTRAINT documents_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE document_versions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  document_id BIGINT UNSIGNED NOT NULL,
  -- 'uploading' until the last chunk is stored and checked
  state ENUM('uploading','ready','deleted') CHARACTER SET ascii NOT NULL DEFAULT 'uploading',
  size BIGINT UNSIGNED NOT NULL DEFAULT 0,
  chunks INT UNSIGNED NOT NULL DEFAULT 0,
  -- detected from the content (libmagic), never the client's claim
  mime VARCHAR(127) CHARACTER SET ascii NOT NULL DEFAULT '',
  filename_enc VARBINARY(1100) NULL,
  uploaded_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  deleted_at DATETIME(6) NULL,
  KEY document_versions_doc (document_id, state),
  KEY document_versions_state (state, created_at),
  CONSTRAINT document_versions_doc FOREIGN KEY (document_id) REFERENCES documents (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- data: format version, key id, nonce, ciphertext, tag (lib/chunk.c)
CREATE TABLE document_chunks (
  version_id BIGINT UNSIGNED NOT NULL,
  seq INT UNSIGNED NOT NULL,
  data MEDIUMBLOB NOT NULL,
  PRIMARY KEY (version_id, seq),
  CONSTRAINT document_chunks_version FOREIGN KEY (version_id)
    REFERENCES document_versions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- With whom a document is shared besides its own organisation: the
-- members of another organisation (who hold documents.read there), or
-- the holders of a role.
CREATE TABLE document_shares (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  document_id BIGINT UNSIGNED NOT NULL,
  org_id BIGINT UNSIGNED NULL,
  role_id BIGINT UNSIGNED NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY document_shares_org (document_id, org_id),
  UNIQUE KEY document_shares_role (document_id, role_id),
  KEY document_shares_to_org (org_id),
  KEY document_shares_to_role (role_id),
  CONSTRAINT document_shares_doc FOREIGN KEY (document_id) REFERENCES documents (id)
    ON DELETE CASCADE,
  CONSTRAINT document_shares_org FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE,
  CONSTRAINT document_shares_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
  CONSTRAINT document_shares_one CHECK ((org_id IS NULL) <> (role_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
