// A real browser (Debian's chromium, headless, driven by playwright-core)
// walks the first sign-in of a user who has a password but no second
// factor yet: magic link -> confirm -> TOTP enrolment -> recovery codes ->
// dashboard -> sign out.  Run by tests/integ/browser.test, which provides
// (environment):
//   PW_DIR        node_modules directory holding playwright-core
//   CHROMIUM      the browser binary; NO_SANDBOX=1 when run as root
//   BASE          https://localhost:PORT
//   EMAIL, NAME   the user
//   MAILLINK_CMD  prints the path of the newest sign-in link mailed to EMAIL
//   SHOTS         directory for the screenshots
//   T_SENT, T_CONFIRM, T_WELCOME, T_CONTINUE, T_BYE: the English
//                 texts to look for (from templates/lang/en.hdf)
// Prints one "PASS\tdescription" or "FAIL\tdescription" line per check.
import { execFileSync } from 'node:child_process';
import { check, failures, launch, shots } from './common.mjs';

const env = process.env;
const shot = shots('');

const browser = await launch();
const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US' });
// Violations of the Content-Security-Policy, as the page itself sees them
// (an init script comes through CDP, not through the page's CSP).
await context.addInitScript(() => {
	window.__csp = [];
	document.addEventListener('securitypolicyviolation',
	    (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
});
const page = await context.newPage();
const problems = [];
page.on('console', (m) => {
	if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text()))
		problems.push(`console ${m.type()}: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
page.on('response', (r) => {
	if (r.status() >= 400)
		problems.push(`HTTP ${r.status()}: ${r.url()}`);
});
const csp = [];
async function collectCsp() {
	csp.push(...await page.evaluate(() => window.__csp || []));
}
const text = async () => page.locator('body').innerText();
const path = () => new URL(page.url()).pathname + new URL(page.url()).search;

try {
	// 1. The magic-link form.
	let resp = await page.goto(`${env.BASE}/magic`);
	check(resp.status() === 200, 'GET /magic answers 200', resp.status());
	check(await page.getAttribute('html', 'lang') === 'en', 'the page is in English (browser locale en-US)');
	await shot(page, 'magic-form');
	await page.fill('input[name="email"]', env.EMAIL);
	await collectCsp();
	await Promise.all([page.waitForNavigation(), page.click('form[action$="/magic"] [type="submit"]')]);
	check((await text()).includes(env.T_SENT), 'after submitting: "we have sent a link"');
	await shot(page, 'magic-sent');
	await collectCsp();

	// 2. The link from the mail: a confirm page, then the button.
	const link = execFileSync(env.MAILLINK_CMD, { encoding: 'utf8' }).trim();
	check(/^\/magic\/callback\?t=[A-Za-z0-9_-]{43}$/.test(link), 'the mail sink got the sign-in link', link);
	resp = await page.goto(`${env.BASE}${link}`);
	check(resp.status() === 200, 'the link opens the confirm page (200)', resp.status());
	check((await text()).includes(env.T_CONFIRM), 'the confirm page asks to continue');
	await shot(page, 'magic-confirm');
	await collectCsp();
	await Promise.all([page.waitForNavigation(), page.click('form[action$="/magic/callback"] [type="submit"]')]);
	check(path() === '/login/enrol', 'signing in leads to the TOTP enrolment (no second factor yet)', path());

	// 3. Enrolment: the QR code shows, the secret is read off the page.
	await page.waitForLoadState('load');
	const qr = await page.$eval('img[src*="qr.svg"]', (i) => i.complete && i.naturalWidth > 0).catch(() => false);
	check(qr, 'the QR code image loads');
	await shot(page, 'enrol');
	await collectCsp();
	const html = await page.content();
	let secret = (html.match(/otpauth:\/\/totp\/[^"<\s]*?[?&](?:amp;)?secret=([A-Z2-7]+)/) || [])[1];
	if (!secret) {
		const codes = await page.$$eval('code', (els) => els.map((e) => e.textContent.replace(/\s+/g, '')));
		secret = codes.find((c) => /^[A-Z2-7]{32}$/.test(c));
	}
	check(/^[A-Z2-7]{32}$/.test(secret || ''), 'the page shows the secret', secret);
	const code = execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim();
	await page.fill('input[name="code"]', code);
	await Promise.all([page.waitForNavigation(), page.click('form[action$="/login/enrol"] [type="submit"]')]);

	// 4. The recovery codes, then on to the dashboard.
	const codes = await page.$$eval('code', (els) => els.map((e) => e.textContent.trim()));
	const rec = codes.filter((c) => /^[A-Za-z0-9]{4,}(-[A-Za-z0-9]{3,})*$/.test(c) && !/^[0-9a-f]{16}$/.test(c));
	check(rec.length === 10, 'the code from oathtool is accepted: 10 recovery codes shown', rec.length);
	await shot(page, 'recovery-codes');
	await collectCsp();
	await Promise.all([page.waitForNavigation(), page.locator('a, button', { hasText: env.T_CONTINUE }).first().click()]);
	check(path() === '/', 'continue leads to the dashboard', path());
	const home = await text();
	check(home.includes(env.T_WELCOME) && home.includes(env.NAME), 'the dashboard welcomes the user by name');
	await shot(page, 'dashboard');
	await collectCsp();

	// 5. Sign out.
	await Promise.all([page.waitForNavigation(), page.click('form.session-logout [type="submit"]')]);
	check(/^\/login\?bye=1$/.test(path()), 'signing out leads to /login?bye=1', path());
	check((await text()).includes(env.T_BYE), 'the login page says "signed out"');
	await shot(page, 'signed-out');
	await collectCsp();
	resp = await page.goto(`${env.BASE}/`);
	check(path().startsWith('/login'), 'after signing out / leads to the login', path());
	await collectCsp();
} catch (e) {
	check(false, 'the walk completes', e.message.split('\n')[0]);
	await shot(page, 'error').catch(() => {});
}
// A 303 is not a problem; the one expected 4xx-free walk has none.
check(problems.length === 0, 'no console error, failed request or HTTP error', problems.slice(0, 5).join(' | '));
check(csp.length === 0, 'no Content-Security-Policy violation', csp.slice(0, 5).join(' | '));
await browser.close();
process.exit(failures() ? 1 : 0);
