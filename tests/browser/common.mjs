// common.mjs: what every browser walk (tests/browser/*.mjs, run by
// tests/integ/browser*.test) shares: the checks and their count, the
// screenshots, TOTP codes from oathtool, chromium from playwright-core.
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
