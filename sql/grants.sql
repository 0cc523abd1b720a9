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
