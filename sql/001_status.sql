-- 001: what the public status page shows.  Times are UTC (every
-- connection sets time_zone = '+00:00').  Texts come in both languages.

CREATE TABLE maintenance_windows (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  title_de VARCHAR(200) NOT NULL,
  title_en VARCHAR(200) NOT NULL,
  body_de TEXT NOT NULL,
  body_en TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  CONSTRAINT maint_order CHECK (ends_at > starts_at),
  KEY maint_ends (ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE security_notices (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  severity ENUM('info','low','medium','high','critical') NOT NULL DEFAULT 'info',
  title_de VARCHAR(200) NOT NULL,
  title_en VARCHAR(200) NOT NULL,
  body_de TEXT NOT NULL,
  body_en TEXT NOT NULL,
  published_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  expires_at DATETIME NULL,
  KEY notices_published (published_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
