-- 005: organisations, roles and permissions, role requests; the audit
-- trail learns who acted and what changed; sessions remember when the
-- second factor was last given (step-up for administrative actions).
--
-- An organisation's name is the company's name, not personal data, and
-- stays in clear so administrators can search and sort by it.

CREATE TABLE orgs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('customer','partner','internal') CHARACTER SET ascii NOT NULL,
  status ENUM('active','suspended') CHARACTER SET ascii NOT NULL DEFAULT 'active',
  name VARCHAR(200) NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY orgs_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE users
  ADD CONSTRAINT users_org FOREIGN KEY (org_id) REFERENCES orgs (id);

-- The rights the programs check (enum pf_perm in lib/pforte.h); what
-- they mean is in the language files (L.Perm.<name>).
CREATE TABLE permissions (
  name VARCHAR(40) CHARACTER SET ascii NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO permissions (name) VALUES
  ('documents.read'), ('documents.write'), ('documents.share'),
  ('users.invite'), ('users.manage'), ('roles.approve'), ('audit.read'),
  ('apps.manage'), ('orgs.manage'), ('status.manage'), ('privacy.manage');

-- A role: a set of permissions with a scope.  'org': they reach objects
-- of the holder's own organisation; 'global': everything.  approval says
-- who decides a request for it: the key users of the requester's
-- organisation ('org') or administrators ('admin'); global roles are
-- always decided by administrators.
CREATE TABLE roles (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(40) CHARACTER SET ascii NOT NULL,
  scope ENUM('org','global') CHARACTER SET ascii NOT NULL,
  approval ENUM('org','admin') CHARACTER SET ascii NOT NULL DEFAULT 'admin',
  requestable TINYINT UNSIGNED NOT NULL DEFAULT 1,
  builtin TINYINT UNSIGNED NOT NULL DEFAULT 0,
  label_de VARCHAR(100) NOT NULL,
  label_en VARCHAR(100) NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY roles_name (name),
  CONSTRAINT roles_global_by_admin CHECK (scope = 'org' OR approval = 'admin')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_permissions (
  role_id BIGINT UNSIGNED NOT NULL,
  permission VARCHAR(40) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (role_id, permission),
  CONSTRAINT role_permissions_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
  CONSTRAINT role_permissions_perm FOREIGN KEY (permission) REFERENCES permissions (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO roles (name, scope, approval, requestable, builtin, label_de, label_en) VALUES
  ('customer', 'org', 'org', 1, 1, 'Kunde', 'Customer'),
  ('key-user', 'org', 'admin', 1, 1, 'Key-User', 'Key user'),
  ('partner', 'org', 'admin', 1, 1, 'Partner', 'Partner'),
  ('administrator', 'global', 'admin', 0, 1, 'Administrator', 'Administrator');

INSERT INTO role_permissions (role_id, permission)
  SELECT r.id, p.name FROM roles r JOIN permissions p
  WHERE (r.name = 'customer' AND p.name IN ('documents.read', 'documents.write'))
     OR (r.name = 'key-user' AND p.name IN ('documents.read', 'documents.write',
         'documents.share', 'users.invite', 'users.manage', 'roles.approve'))
     OR (r.name = 'partner' AND p.name IN ('documents.read', 'documents.write',
         'documents.share'))
     OR r.name = 'administrator';

-- Who holds which role.  An org-scoped grant is bound to the organisation
-- the user belonged to when it was given (org_id): moving the user
-- elsewhere leaves it without effect.  expires_at NULL: no end.
CREATE TABLE user_roles (
  user_id BIGINT UNSIGNED NOT NULL,
  role_id BIGINT UNSIGNED NOT NULL,
  org_id BIGINT UNSIGNED NULL,
  granted_by BIGINT UNSIGNED NULL,
  granted_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at DATETIME(6) NULL,
  PRIMARY KEY (user_id, role_id),
  KEY user_roles_role (role_id),
  CONSTRAINT user_roles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT user_roles_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A request for a role.  The justification and the decision's comment
-- are about the requester and sealed under their key.  org_id is the
-- requester's organisation when asking: whose key users decide.  At most
-- one pending request per user and role.
CREATE TABLE role_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  role_id BIGINT UNSIGNED NOT NULL,
  org_id BIGINT UNSIGNED NULL,
  reason_enc VARBINARY(8100) NULL,
  status ENUM('pending','approved','rejected','withdrawn') CHARACTER SET ascii
    NOT NULL DEFAULT 'pending',
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME(6) NULL,
  comment_enc VARBINARY(8100) NULL,
  grant_expires DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  pending TINYINT AS (IF(status = 'pending', 1, NULL)) PERSISTENT,
  UNIQUE KEY role_requests_one_pending (user_id, role_id, pending),
  KEY role_requests_queue (status, org_id, created_at),
  CONSTRAINT role_requests_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT role_requests_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When the session last passed a second factor: administrative actions
-- ask for it again after Auth.StepUp.Minutes.
ALTER TABLE sessions ADD COLUMN second_at DATETIME(6) NULL AFTER second_method;

-- Who acted (actor_id; user_id is whom it concerns), on which object, in
-- which organisation, and what changed: JSON sealed under the concerned
-- user's key (erasing them erases it) or the system key.
ALTER TABLE audit_log
  ADD COLUMN actor_id BIGINT UNSIGNED NULL AFTER outcome,
  ADD COLUMN org_id BIGINT UNSIGNED NULL AFTER user_id,
  ADD COLUMN object VARCHAR(60) CHARACTER SET ascii NOT NULL DEFAULT '' AFTER org_id,
  ADD COLUMN change_enc VARBINARY(8000) NULL AFTER detail,
  ADD KEY audit_log_actor (actor_id, created_at),
  ADD KEY audit_log_org (org_id, created_at);
