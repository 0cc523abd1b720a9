-- Each program connects with its own MariaDB account and only the
-- privileges it needs ("own security zones").  `pforte-admin grants` runs
-- this file in the portal's database (so unqualified table names refer to
-- it) and then sets each account's password from DB.Account.<program>.
-- Accounts are for connections over the local socket ('localhost'); for
-- database servers on other hosts, create the same grants for their host.
-- Every program reads maintenance_windows: the layout's banner.

CREATE USER IF NOT EXISTS 'pf_status'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_status'@'localhost';
GRANT SELECT ON security_notices TO 'pf_status'@'localhost';

-- login: passwords, sessions, second factors, resets, the dashboard.
-- Sealing needs the data keys (read only: keys are made by pforte-admin
-- and when an account is created).  The audit log takes inserts and the
-- sealing of the new row's IP address only.
CREATE USER IF NOT EXISTS 'pf_login'@'localhost';
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
GRANT SELECT (id), UPDATE (ip_enc) ON audit_log TO 'pf_login'@'localhost';

-- magic: magic-link requests and callbacks.
CREATE USER IF NOT EXISTS 'pf_magic'@'localhost';
GRANT SELECT ON maintenance_windows TO 'pf_magic'@'localhost';
GRANT SELECT ON data_keys TO 'pf_magic'@'localhost';
GRANT SELECT ON users TO 'pf_magic'@'localhost';
GRANT SELECT ON totp TO 'pf_magic'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO 'pf_magic'@'localhost';
GRANT SELECT, INSERT, UPDATE ON auth_tokens TO 'pf_magic'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO 'pf_magic'@'localhost';
GRANT INSERT ON audit_log TO 'pf_magic'@'localhost';
GRANT SELECT (id), UPDATE (ip_enc) ON audit_log TO 'pf_magic'@'localhost';
