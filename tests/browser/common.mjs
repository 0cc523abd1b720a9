// common.mjs: what every browser walk (tests/browser/*.mjs, run by
// tests/integ/browser*.test) shares: the checks and their count, the
// screenshots, TOTP codes from oathtool, chromium from playwright-core,
// one browser context per person with what went wrong in it, and
// submitting forms.
// Environment: PW_DIR (node_modules holding playwright-core), CHROMIUM,
// NO_SANDBOX=1 when run as root, SHOTS (the screenshots' directory).
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const env = process.env;
let failed = 0;

// One "PASS\tdescription" or "FAIL\tdescription (info)" line per check.
export function check(ok, desc, info) {
	console.log(`${ok ? 'PASS' : 'FAIL'}\t${desc}${!ok && info !== undefined ? ` (${info})` : ''}`);
	if (!ok)
		failed++;
	return ok;
}
export const failures = () => failed;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// shots(prefix): shot(page, name) saves SHOTS/<prefix>NN-<name>.png.
export function shots(prefix) {
	let n = 0;

	mkdirSync(env.SHOTS, { recursive: true });
	return async (page, name) => {
		n++;
		await page.screenshot({ path: `${env.SHOTS}/${prefix}${String(n).padStart(2, '0')}-${name}.png`,
		    fullPage: true });
	};
}

// totpCodes(lastStep): totp(secret) gives a code from oathtool for a time
// step later than any used before with the secret (the portal accepts a
// code once; lastStep maps secrets to the last step used) and within the
// one step ahead it allows; it waits for the next step when both are used.
export function totpCodes(lastStep) {
	return async (secret) => {
		for (;;) {
			const now = Math.floor(Date.now() / 1000), cur = Math.floor(now / 30);
			const step = Math.max(cur, (lastStep[secret] || 0) + 1);
			if (step <= cur || (step === cur + 1 && now % 30 < 28)) {
				lastStep[secret] = step;
				return execFileSync('oathtool', ['--totp', '-b', secret, '--now',
				    `@${step * 30 + 1}`], { encoding: 'utf8' }).trim();
			}
			await sleep(1000);
		}
	};
}

// Debian's chromium, headless, through playwright-core.
export async function launch() {
	const require = createRequire(env.PW_DIR.replace(/\/?$/, '/'));
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: env.CHROMIUM,
		headless: true,
		args: env.NO_SANDBOX === '1' ? ['--no-sandbox'] : [],
	});
	check(true, `chromium ${browser.version()} runs headless`);
	return browser;
}

// What went wrong in any person's page (console errors, page errors, HTTP
// errors) and the CSP violations the pages saw.  A 404 of a URL in
// expected is one the walk asks for.
export const problems = [];
export const csp = [];
export const expected = new Set();

// One person: a context (own cookies; downloads when asked) and a page.
export async function person(browser, who, downloads = false) {
	const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-US',
	    acceptDownloads: downloads });
	context.setDefaultTimeout(15000);
	// Violations of the Content-Security-Policy, as the page itself sees
	// them (an init script comes through CDP, not through the page's CSP).
	await context.addInitScript(() => {
		window.__csp = [];
		document.addEventListener('securitypolicyviolation',
		    (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	const page = await context.newPage();
	page.on('console', (m) => {
		if (m.type() === 'error' && expected.has(m.location().url) && /\b404\b/.test(m.text()))
			return;
		if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text()))
			problems.push(`${who}: console ${m.type()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
	page.on('response', (r) => {
		if (r.status() >= 400 && !(r.status() === 404 && expected.has(r.url())))
			problems.push(`${who}: HTTP ${r.status()}: ${r.url()}`);
	});
	return page;
}
export async function collectCsp(page) {
	csp.push(...await page.evaluate(() => window.__csp || []).catch(() => []));
}
export const text = async (page) => page.locator('body').innerText();
export const path = (page) => new URL(page.url()).pathname + new URL(page.url()).search;
// Submit the form holding sel (click its submit button) and wait for the
// next page.
export async function submit(page, sel) {
	await Promise.all([page.waitForNavigation(),
	    page.locator(`form:has(${sel}) [type="submit"]`).first().click()]);
	await collectCsp(page);
}
