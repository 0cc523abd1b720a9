-- Each program connects with its own MariaDB account and only the
-- privileges it needs ("own security zones").  `pforte-admin grants` runs
-- this file in the portal's database (so unqualified table names refer to
-- it) and then sets each account's password from DB.Account.<program>.
-- Accounts are for connections over the local socket ('localhost'); for
-- database servers on other hosts, create the same grants for their host.
-- Every program reads maintenance_windows: the layout's banner.
-- Each account's privileges are first revoked, so that running this file
-- leaves exactly the grants below (an upgrade drops what a release no
-- longer grants, e.g. UPDATE on the audit log before 007).  Requests
-- that run at that moment may fail once.
-- No program may UPDATE or DELETE audit_log rows: only INSERT, and move
-- audit_head in the same transaction (sql/007_audit.sql).  Retention
-- deletes old rows with its own account (pf_retention).

CREATE USER IF NOT EXISTS 'pf_status'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_status'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_status'@'localhost';
GRANT SELECT ON security_notices TO 'pf_status'@'localhost';

-- login: passwords, sessions, second factors, resets, the dashboard.
-- Sealing needs the data keys (read only: keys are made by pforte-admin
-- and when an account is created).  The audit log takes inserts only;
-- they move the chain's head (audit_head).
CREATE USER IF NOT EXISTS 'pf_login'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_login'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_login'@'localhost';
GRANT SELECT ON security_notices TO 'pf_login'@'localhost';
GRANT SELECT ON data_keys TO 'pf_login'@'localhost';
GRANT SELECT, UPDATE ON users TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE ON auth_tokens TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE ON auth_codes TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE ON totp TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO 'pf_login'@'localhost';
GRANT INSERT ON audit_log TO 'pf_login'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_login'@'localhost';

-- magic: magic-link requests and callbacks.
CREATE USER IF NOT EXISTS 'pf_magic'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_magic'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_magic'@'localhost';
GRANT SELECT ON data_keys TO 'pf_magic'@'localhost';
GRANT SELECT ON users TO 'pf_magic'@'localhost';
GRANT SELECT ON totp TO 'pf_magic'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO 'pf_magic'@'localhost';
GRANT SELECT, INSERT, UPDATE ON auth_tokens TO 'pf_magic'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO 'pf_magic'@'localhost';
GRANT INSERT ON audit_log TO 'pf_magic'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_magic'@'localhost';

-- Every program that loads sessions reads the permission model: the
-- grants are checked afresh at every request (lib/perm.c).
GRANT SELECT ON orgs TO 'pf_login'@'localhost';
GRANT SELECT ON roles TO 'pf_login'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_login'@'localhost';
GRANT SELECT ON user_roles TO 'pf_login'@'localhost';
GRANT SELECT ON orgs TO 'pf_magic'@'localhost';
GRANT SELECT ON roles TO 'pf_magic'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_magic'@'localhost';
GRANT SELECT ON user_roles TO 'pf_magic'@'localhost';

-- profile: one's own data, address, password, second factors, sessions
-- and sign-in history.  Reads the audit log for the history (own rows,
-- by the program's check).
CREATE USER IF NOT EXISTS 'pf_profile'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_profile'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_profile'@'localhost';
GRANT SELECT ON data_keys TO 'pf_profile'@'localhost';
GRANT SELECT, UPDATE ON users TO 'pf_profile'@'localhost';
GRANT SELECT, UPDATE, DELETE ON sessions TO 'pf_profile'@'localhost';
GRANT SELECT, INSERT, UPDATE ON auth_tokens TO 'pf_profile'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON totp TO 'pf_profile'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes TO 'pf_profile'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO 'pf_profile'@'localhost';
GRANT SELECT ON orgs TO 'pf_profile'@'localhost';
GRANT SELECT ON roles TO 'pf_profile'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_profile'@'localhost';
GRANT SELECT ON user_roles TO 'pf_profile'@'localhost';
GRANT INSERT ON audit_log TO 'pf_profile'@'localhost';
GRANT SELECT (id, created_at, event, outcome, user_id, ip_enc, detail)
  ON audit_log TO 'pf_profile'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_profile'@'localhost';

-- rolereq: requests for roles and their decisions.
CREATE USER IF NOT EXISTS 'pf_rolereq'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_rolereq'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_rolereq'@'localhost';
GRANT SELECT ON data_keys TO 'pf_rolereq'@'localhost';
GRANT SELECT ON users TO 'pf_rolereq'@'localhost';
GRANT SELECT, UPDATE ON sessions TO 'pf_rolereq'@'localhost';
GRANT SELECT ON totp TO 'pf_rolereq'@'localhost';
GRANT SELECT ON orgs TO 'pf_rolereq'@'localhost';
GRANT SELECT ON roles TO 'pf_rolereq'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_rolereq'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON user_roles TO 'pf_rolereq'@'localhost';
GRANT SELECT, INSERT, UPDATE ON role_requests TO 'pf_rolereq'@'localhost';
GRANT INSERT ON audit_log TO 'pf_rolereq'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_rolereq'@'localhost';

-- documents: upload, versions, sharing, download.  Creates each
-- document's data key; never destroys one (purging is pforte-admin's).
-- Deletes a document row only when its first upload failed.
-- Reads the organisations and roles to share with.
CREATE USER IF NOT EXISTS 'pf_documents'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_documents'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_documents'@'localhost';
GRANT SELECT, INSERT ON data_keys TO 'pf_documents'@'localhost';
GRANT SELECT ON users TO 'pf_documents'@'localhost';
GRANT SELECT, UPDATE ON sessions TO 'pf_documents'@'localhost';
GRANT SELECT ON totp TO 'pf_documents'@'localhost';
GRANT SELECT ON orgs TO 'pf_documents'@'localhost';
GRANT SELECT ON roles TO 'pf_documents'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_documents'@'localhost';
GRANT SELECT ON user_roles TO 'pf_documents'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO 'pf_documents'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON document_versions TO 'pf_documents'@'localhost';
GRANT SELECT, INSERT, DELETE ON document_chunks TO 'pf_documents'@'localhost';
GRANT SELECT, INSERT, DELETE ON document_shares TO 'pf_documents'@'localhost';
GRANT INSERT ON audit_log TO 'pf_documents'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_documents'@'localhost';

-- admin (the web program; its account is webadmin, because `admin` is
-- the migration account of pforte-admin): users, organisations, roles,
-- the status page's texts.  Creating
-- a user creates their data key.  Reads the whole audit log (audit.read).
CREATE USER IF NOT EXISTS 'pf_webadmin'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_windows TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON security_notices TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT ON data_keys TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON users TO 'pf_webadmin'@'localhost';
GRANT SELECT, UPDATE, DELETE ON sessions TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON auth_tokens TO 'pf_webadmin'@'localhost';
GRANT SELECT, DELETE ON totp TO 'pf_webadmin'@'localhost';
GRANT SELECT, DELETE ON recovery_codes TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON orgs TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON roles TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON role_permissions TO 'pf_webadmin'@'localhost';
GRANT SELECT ON permissions TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON user_roles TO 'pf_webadmin'@'localhost';
GRANT SELECT, UPDATE ON role_requests TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT ON audit_log TO 'pf_webadmin'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_webadmin'@'localhost';
-- the alerts list (admin-alerts.c): reads every alert, acknowledges one
GRANT SELECT, UPDATE (state, acked_by, acked_at) ON alerts TO 'pf_webadmin'@'localhost';

-- token: the OpenID Connect provider, consent, the app tray.  Reads the
-- signing keys (the private half opens with the system data key), users
-- for the claims, grants for roles and access; writes codes, tokens,
-- consents, the session's sid and who took part in a session (logout).
CREATE USER IF NOT EXISTS 'pf_token'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_token'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_token'@'localhost';
GRANT SELECT ON security_notices TO 'pf_token'@'localhost';
GRANT SELECT ON data_keys TO 'pf_token'@'localhost';
GRANT SELECT ON sso_keys TO 'pf_token'@'localhost';
GRANT SELECT ON users TO 'pf_token'@'localhost';
GRANT SELECT, UPDATE, DELETE ON sessions TO 'pf_token'@'localhost';
GRANT SELECT ON totp TO 'pf_token'@'localhost';
GRANT SELECT ON orgs TO 'pf_token'@'localhost';
GRANT SELECT ON roles TO 'pf_token'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_token'@'localhost';
GRANT SELECT ON user_roles TO 'pf_token'@'localhost';
GRANT SELECT ON apps TO 'pf_token'@'localhost';
GRANT SELECT ON app_uris TO 'pf_token'@'localhost';
GRANT SELECT ON app_access TO 'pf_token'@'localhost';
GRANT SELECT, INSERT, UPDATE ON oidc_codes TO 'pf_token'@'localhost';
GRANT SELECT, INSERT, UPDATE ON oidc_tokens TO 'pf_token'@'localhost';
GRANT SELECT, INSERT, DELETE ON sso_participants TO 'pf_token'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON consents TO 'pf_token'@'localhost';
GRANT INSERT ON audit_log TO 'pf_token'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_token'@'localhost';
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_token'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_token'@'localhost';

-- Signing out (login) tells the applications the session signed in to
-- (back-channel logout, lib/ssologout.c): it signs a logout token and
-- ends the session's refresh tokens.
GRANT SELECT ON sso_keys TO 'pf_login'@'localhost';
GRANT SELECT ON apps TO 'pf_login'@'localhost';
-- a pairwise application's sector is the host of its first redirect URI
GRANT SELECT ON app_uris TO 'pf_login'@'localhost';
GRANT SELECT, DELETE ON sso_participants TO 'pf_login'@'localhost';
GRANT SELECT, UPDATE (revoked_at) ON oidc_tokens TO 'pf_login'@'localhost';

-- The administration registers applications (apps.manage) and ends their
-- tokens when one is disabled or its secret replaced.
GRANT SELECT, INSERT, UPDATE, DELETE ON apps TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON app_uris TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON app_access TO 'pf_webadmin'@'localhost';
GRANT SELECT, UPDATE (revoked_at) ON oidc_tokens TO 'pf_webadmin'@'localhost';

-- privacy: legal texts and their acceptance, consents, the export of a
-- user's data (it reads every table that holds some), erasure requests
-- and legal holds, the record of processing activities.
CREATE USER IF NOT EXISTS 'pf_privacy'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_privacy'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_privacy'@'localhost';
GRANT SELECT ON security_notices TO 'pf_privacy'@'localhost';
GRANT SELECT ON data_keys TO 'pf_privacy'@'localhost';
GRANT SELECT ON users TO 'pf_privacy'@'localhost';
GRANT SELECT, UPDATE ON sessions TO 'pf_privacy'@'localhost';
GRANT SELECT ON totp TO 'pf_privacy'@'localhost';
GRANT SELECT ON orgs TO 'pf_privacy'@'localhost';
GRANT SELECT ON roles TO 'pf_privacy'@'localhost';
GRANT SELECT ON role_permissions TO 'pf_privacy'@'localhost';
GRANT SELECT ON user_roles TO 'pf_privacy'@'localhost';
GRANT INSERT ON audit_log TO 'pf_privacy'@'localhost';
GRANT SELECT, UPDATE (last_id, last_mac) ON audit_head TO 'pf_privacy'@'localhost';
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_privacy'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_privacy'@'localhost';
-- (each part of the program adds the grants it needs below)
-- privacy-ropa.c: the record of processing activities (no personal data)
GRANT SELECT, INSERT, UPDATE, DELETE ON processing_activities TO 'pf_privacy'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON processors TO 'pf_privacy'@'localhost';
GRANT SELECT, INSERT, DELETE ON activity_processors TO 'pf_privacy'@'localhost';

-- privacy-export.c: the export reads every table that holds the user's
-- data (its own rows only, by the statements in privacy.c)
GRANT SELECT ON role_requests TO 'pf_privacy'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_privacy'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_privacy'@'localhost';
GRANT SELECT ON consent_purposes TO 'pf_privacy'@'localhost';
GRANT SELECT ON user_consents TO 'pf_privacy'@'localhost';
GRANT SELECT ON consent_log TO 'pf_privacy'@'localhost';
GRANT SELECT (user_id, used_at) ON recovery_codes TO 'pf_privacy'@'localhost';
GRANT SELECT ON consents TO 'pf_privacy'@'localhost';
GRANT SELECT (id, name) ON apps TO 'pf_privacy'@'localhost';
GRANT SELECT (app_id, user_id, created_at) ON sso_participants TO 'pf_privacy'@'localhost';
GRANT SELECT (app_id, user_id, created_at) ON oidc_codes TO 'pf_privacy'@'localhost';
GRANT SELECT (app_id, user_id, created_at) ON oidc_tokens TO 'pf_privacy'@'localhost';
GRANT SELECT (id, org_id, category, title_enc, description_enc, created_by, created_at,
  updated_at, deleted_at) ON documents TO 'pf_privacy'@'localhost';
GRANT SELECT (id, document_id, state, size, mime, filename_enc, uploaded_by, created_at)
  ON document_versions TO 'pf_privacy'@'localhost';
GRANT SELECT (rule, severity, state, user_id) ON alerts TO 'pf_privacy'@'localhost';
GRANT SELECT (outcome, object, detail, ip_enc) ON audit_log TO 'pf_privacy'@'localhost';

-- privacy-erase.c: erasure requests and legal holds; what erasure would
-- leave of the organisation's documents (counts only)
GRANT SELECT, INSERT, UPDATE (status, decided_at, due_at) ON erasure_requests TO 'pf_privacy'@'localhost';
GRANT SELECT, INSERT, DELETE ON legal_holds TO 'pf_privacy'@'localhost';
GRANT SELECT (id, org_id, created_by, deleted_at) ON documents TO 'pf_privacy'@'localhost';

-- privacy-legal: the legal texts (written by the editor), their
-- acceptance (the ledger, its address sealed afterwards: the AAD names the
-- row), the consent purposes, each user's consents and their ledger.
GRANT SELECT, INSERT, UPDATE ON legal_texts TO 'pf_privacy'@'localhost';
GRANT SELECT, INSERT, UPDATE (ip_enc) ON legal_acceptances TO 'pf_privacy'@'localhost';
GRANT SELECT ON consent_purposes TO 'pf_privacy'@'localhost';
GRANT SELECT, INSERT, UPDATE ON user_consents TO 'pf_privacy'@'localhost';
GRANT SELECT, INSERT, UPDATE (ip_enc) ON consent_log TO 'pf_privacy'@'localhost';
-- The acceptance gate (lib/legal.c) runs in every program that loads
-- full sessions: it reads the texts in force and the user's acceptances.
GRANT SELECT ON legal_texts TO 'pf_login'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_login'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_magic'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_magic'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_profile'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_profile'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_rolereq'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_rolereq'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_documents'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_documents'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_webadmin'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_webadmin'@'localhost';
GRANT SELECT ON legal_texts TO 'pf_token'@'localhost';
GRANT SELECT ON legal_acceptances TO 'pf_token'@'localhost';
-- rolereq mails the deciding approver a copy only with their consent
-- (purpose notify.decisions).
GRANT SELECT ON user_consents TO 'pf_rolereq'@'localhost';

-- retention (pforte-admin audit purge): deletes the oldest audit rows and
-- moves the chain's floor up to the first row kept.  Nothing else.
CREATE USER IF NOT EXISTS 'pf_retention'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'pf_retention'@'localhost';
GRANT SELECT (id, created_at, mac), DELETE ON audit_log TO 'pf_retention'@'localhost';
GRANT SELECT, UPDATE (floor_id, floor_mac) ON audit_head TO 'pf_retention'@'localhost';

-- Security alerts (lib/alert.c), evaluated in every program that writes
-- events: the rules count sign-in failures and downloads in the audit
-- log (these columns only), and raise an alert with its sealed details.
-- Only login sees full sign-ins: it remembers countries, devices and the
-- last location, and issues the "not you?" link (auth_tokens above).
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_login'@'localhost';
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_magic'@'localhost';
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_profile'@'localhost';
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_rolereq'@'localhost';
GRANT SELECT (id, created_at, event, actor_id, user_id, ip_idx, net_idx)
  ON audit_log TO 'pf_documents'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_login'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_magic'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_profile'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_rolereq'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_documents'@'localhost';
GRANT SELECT (id, created_at, dedup), INSERT, UPDATE (detail_enc) ON alerts TO 'pf_webadmin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON signin_places TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE ON known_devices TO 'pf_login'@'localhost';
GRANT SELECT, INSERT, UPDATE ON signin_last TO 'pf_login'@'localhost';

-- siem (tools/pforte-siem): reads the audit log after each output's
-- cursor, opens the sealed address and user agent (data keys), and moves
-- its cursors.  It writes nothing else and is never a web program.
CREATE USER IF NOT EXISTS 'pf_siem'@'localhost';
GRANT SELECT ON audit_log TO 'pf_siem'@'localhost';
GRANT SELECT ON data_keys TO 'pf_siem'@'localhost';
GRANT SELECT, INSERT, UPDATE ON siem_cursor TO 'pf_siem'@'localhost';
