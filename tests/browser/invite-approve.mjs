// A real browser (Debian's chromium, headless, driven by playwright-core)
// walks an invitation and a role request across three people, each in a
// browser context of their own:
//   1. the administrator signs in (password, TOTP from oathtool) and
//      invites a new user into organisation A at /admin/invite;
//   2. the invitee opens the link from the mail, chooses a password,
//      enrols an authenticator, sees the recovery codes and the dashboard,
//      and asks for the role "customer" at /roles with a justification;
//   3. the key user of organisation A signs in, finds the request in
//      /roles/queue, opens it and approves it;
//   4. the invitee reloads /roles and holds the role.
// Run by tests/integ/browser-roles.test, which provides (environment):
//   PW_DIR        node_modules directory holding playwright-core
//   CHROMIUM      the browser binary; NO_SANDBOX=1 when run as root
//   BASE          https://localhost:PORT
//   SHOTS         directory for the screenshots (roles-NN-step.png)
//   ADMIN_EMAIL, ADMIN_PW, ADMIN_SECRET, ADMIN_STEP: the administrator,
//                 its TOTP secret and the last time step already used
//   KEY_EMAIL, KEY_PW, KEY_SECRET, KEY_STEP: the key user of org A
//   ORG_ID, ORG_NAME          organisation A
//   INVITEE_EMAIL, INVITEE_NAME, INVITEE_PW: the new user
//   ROLE_ID, ROLE_LABEL       the role customer and its English label
//   REASON                    the justification typed in
//   MAILLINK_CMD  prints the path of the newest portal link mailed to $1
//   T_WELCOME, T_CONTINUE     English texts to look for
// Prints one "PASS\tdescription" or "FAIL\tdescription" line per check.
import { execFileSync } from 'node:child_process';
import {
	check, collectCsp, csp, expected, failures, launch, path, person, problems, shots, sleep,
	submit, text, totpCodes,
} from './common.mjs';

const env = process.env;
const shot = shots('roles-');
const totp = totpCodes({ [env.ADMIN_SECRET]: Number(env.ADMIN_STEP || 0),
	[env.KEY_SECRET]: Number(env.KEY_STEP || 0) });

const browser = await launch();

// Set a form field by name, whatever kind of control it is.
async function setField(page, name, value) {
	const el = page.locator(`[name="${name}"]`).first();
	if (await el.count() === 0)
		return false;
	const tag = await el.evaluate((e) => e.tagName.toLowerCase());
	const type = await el.evaluate((e) => (e.getAttribute('type') || '').toLowerCase());
	if (tag === 'select')
		await el.selectOption(String(value));
	else if (type === 'radio' || type === 'checkbox')
		await page.locator(`[name="${name}"][value="${value}"]`).first().check();
	else
		await el.fill(String(value));
	return true;
}

// Sign in with password and TOTP; true on the dashboard.
async function signIn(page, who, email, pw, secret) {
	let resp = await page.goto(`${env.BASE}/login`);
	check(resp.status() === 200, `${who}: GET /login answers 200`, resp.status());
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', pw);
	await submit(page, 'input[name="password"]');
	check(path(page) === '/login/factor', `${who}: the password leads to the second factor`, path(page));
	await shot(page, `${who}-factor`);
	await page.fill('#f-code-totp', await totp(secret));
	await submit(page, '#f-code-totp');
	const ok = path(page) === '/' && (await text(page)).includes(env.T_WELCOME);
	check(ok, `${who}: the TOTP code from oathtool leads to the dashboard`, path(page));
	await shot(page, `${who}-dashboard`);
	return ok;
}

try {
	// 1. The administrator invites into organisation A.
	const admin = await person(browser, 'admin');
	await signIn(admin, 'admin', env.ADMIN_EMAIL, env.ADMIN_PW, env.ADMIN_SECRET);
	let resp = await admin.goto(`${env.BASE}/admin/invite`);
	check(resp.status() === 200, 'admin: GET /admin/invite answers 200', resp.status());
	await collectCsp(admin);
	await admin.fill('input[name="email"]', env.INVITEE_EMAIL);
	await admin.fill('input[name="name"]', env.INVITEE_NAME);
	check(await setField(admin, 'org', env.ORG_ID), 'admin: the form offers organisation A');
	await setField(admin, 'language', 'en');
	await shot(admin, 'admin-invite-form');
	const mark = Date.now();
	await submit(admin, 'input[name="email"]');
	check(path(admin) === '/admin/invite?sent=1', 'admin: the invitation is sent (303 to ?sent=1)',
	    path(admin));
	await shot(admin, 'admin-invite-sent');

	// 2. The invitee: the link from the mail, a password, an authenticator.
	const link = execFileSync(env.MAILLINK_CMD, [env.INVITEE_EMAIL], { encoding: 'utf8' }).trim();
	check(/^\/setup\?t=[A-Za-z0-9_-]{43}$/.test(link), 'the mail sink got the invitation with its link',
	    link);
	check(Date.now() - mark < 60000, 'the mail arrived within a minute');
	const user = await person(browser, 'invitee');
	resp = await user.goto(`${env.BASE}${link}`);
	check(resp.status() === 200, 'invitee: the link opens the password form (200)', resp.status());
	await shot(user, 'invitee-setup');
	await user.fill('input[name="password"]', env.INVITEE_PW);
	await user.fill('input[name="password2"]', env.INVITEE_PW);
	await submit(user, 'input[name="password2"]');
	check(path(user) === '/login/enrol', 'invitee: the password leads to the TOTP enrolment', path(user));
	await user.waitForLoadState('load');
	await shot(user, 'invitee-enrol');
	const html = await user.content();
	let secret = (html.match(/otpauth:\/\/totp\/[^"<\s]*?[?&](?:amp;)?secret=([A-Z2-7]+)/) || [])[1];
	if (!secret) {
		const codes = await user.$$eval('code', (els) => els.map((e) => e.textContent.replace(/\s+/g, '')));
		secret = codes.find((c) => /^[A-Z2-7]{32}$/.test(c));
	}
	check(/^[A-Z2-7]{32}$/.test(secret || ''), 'invitee: the enrolment page shows the secret', secret);
	await user.fill('input[name="code"]', await totp(secret));
	await submit(user, 'input[name="code"]');
	const rec = (await user.$$eval('code', (els) => els.map((e) => e.textContent.trim())))
	    .filter((c) => /^[A-Za-z0-9]{4,}(-[A-Za-z0-9]{3,})*$/.test(c) && !/^[0-9a-f]{16}$/.test(c));
	check(rec.length === 10, 'invitee: the code is accepted, 10 recovery codes shown', rec.length);
	await shot(user, 'invitee-recovery');
	await Promise.all([user.waitForNavigation(),
	    user.locator('a, button', { hasText: env.T_CONTINUE }).first().click()]);
	check(path(user) === '/' && (await text(user)).includes(env.INVITEE_NAME),
	    'invitee: the dashboard welcomes the new user by name', path(user));
	await shot(user, 'invitee-dashboard');

	// ... and asks for the role customer.
	resp = await user.goto(`${env.BASE}/roles`);
	check(resp.status() === 200, 'invitee: GET /roles answers 200', resp.status());
	check(await user.locator('ul.roles-held').count() === 0, 'invitee: no role held yet');
	check(await setField(user, 'role', env.ROLE_ID), 'invitee: the role customer can be asked for');
	await user.fill('textarea[name="reason"]', env.REASON);
	await shot(user, 'invitee-request-form');
	await submit(user, 'textarea[name="reason"]');
	check(path(user).startsWith('/roles'), 'invitee: the request is stored (back to /roles)', path(user));
	const pending = user.locator('ul.roles-mine li.card', { hasText: env.ROLE_LABEL });
	check(await pending.count() === 1 && /pending/i.test(await pending.first().innerText()),
	    'invitee: the request is listed as pending');
	await shot(user, 'invitee-request-pending');

	// 3. The key user of organisation A approves it.
	const key = await person(browser, 'keyuser');
	await signIn(key, 'keyuser', env.KEY_EMAIL, env.KEY_PW, env.KEY_SECRET);
	resp = await key.goto(`${env.BASE}/roles/queue`);
	check(resp.status() === 200, 'key user: GET /roles/queue answers 200', resp.status());
	const card = key.locator('ul.roles-queue li.card', { hasText: env.INVITEE_EMAIL });
	check(await card.count() === 1, 'key user: the queue holds the invitee\'s request');
	check((await card.first().innerText().catch(() => '')).includes(env.REASON),
	    'key user: ... with the justification');
	await shot(key, 'keyuser-queue');
	await Promise.all([key.waitForNavigation(), card.first().locator('a').first().click()]);
	check(path(key).startsWith('/roles/request?id='), 'key user: the request opens', path(key));
	await collectCsp(key);
	await key.check('input[name="decision"][value="approve"]');
	await key.fill('textarea[name="comment"]', 'Welcome aboard.');
	await shot(key, 'keyuser-decide');
	await submit(key, 'input[name="decision"]');
	check(path(key).startsWith('/roles/queue'), 'key user: approving leads back to the queue', path(key));
	check(await key.locator('ul.roles-queue li.card', { hasText: env.INVITEE_EMAIL }).count() === 0,
	    'key user: the request has left the queue');
	await shot(key, 'keyuser-approved');

	// 4. The invitee holds the role at the next request.
	resp = await user.goto(`${env.BASE}/roles`);
	const held = user.locator('ul.roles-held li.card', { hasText: env.ROLE_LABEL });
	check(await held.count() === 1, 'invitee: after a reload /roles shows the role customer as held');
	check(/approved/i.test(await user.locator('ul.roles-mine li.card').first().innerText().catch(() => '')),
	    'invitee: the request shows as approved');
	await shot(user, 'invitee-role-held');
} catch (e) {
	check(false, 'the walk completes', e.message.split('\n')[0]);
	for (const p of browser.contexts().flatMap((c) => c.pages()))
		await shot(p, 'error').catch(() => {});
}
check(problems.length === 0, 'no console error or HTTP error', problems.slice(0, 5).join(' | '));
check(csp.length === 0, 'no Content-Security-Policy violation', csp.slice(0, 5).join(' | '));
await browser.close();
process.exit(failures() ? 1 : 0);
