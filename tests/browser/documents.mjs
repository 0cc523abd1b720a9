// A real browser (Debian's chromium, headless, driven by playwright-core)
// exchanges a document between a customer and a partner, each person in a
// browser context of their own:
//   1. the key user of organisation A (a customer) signs in (password,
//      TOTP from oathtool), opens /documents, follows "Upload a document",
//      fills in title, description and category, chooses a PDF and uploads
//      it; the document's page shows the version;
//   2. uploads a second version from that page, shares the document with
//      the partner organisation P and downloads the latest version through
//      its link (the bytes are the file's: SHA-256);
//   3. uploads a second document, which stays unshared;
//   4. the partner user of P signs in, finds the shared document in the
//      list, downloads it, and does not see the other one: it is not in
//      the list and its address gives the 404 page.
// Run by tests/integ/browser-docs.test, which provides (environment):
//   PW_DIR        node_modules directory holding playwright-core
//   CHROMIUM      the browser binary; NO_SANDBOX=1 when run as root
//   BASE          https://localhost:PORT
//   SHOTS         directory for the screenshots (docs-NN-step.png)
//   KEY_EMAIL, KEY_PW, KEY_SECRET, KEY_STEP: the key user of org A, its
//                 TOTP secret and the last time step already used
//   PART_EMAIL, PART_PW, PART_SECRET, PART_STEP: the partner user of org P
//   ORG_A_NAME, ORG_P_ID, ORG_P_NAME    the two organisations
//   TITLE, DESC, CATEGORY, CATEGORY_LABEL   the shared document's details
//   FILE1, FILE2  its two versions (PDF files); TITLE2, FILE3 the other one
//   T_WELCOME, T_TONEW, T_UPLOADED, T_VERSION, T_SHARED, T_404: English
//                 texts to look for (dashboard, link, notices, 404 title)
// Prints one "PASS\tdescription" or "FAIL\tdescription" line per check.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
	check, collectCsp, csp, expected, failures, launch, path, person, problems, shots, sleep,
	submit, text, totpCodes,
} from './common.mjs';

const env = process.env;
const shot = shots('docs-');
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const totp = totpCodes({ [env.KEY_SECRET]: Number(env.KEY_STEP || 0),
	[env.PART_SECRET]: Number(env.PART_STEP || 0) });

const browser = await launch();


// Sign in with password and TOTP; true on the dashboard.
async function signIn(page, who, email, pw, secret) {
	const resp = await page.goto(`${env.BASE}/login`);
	check(resp.status() === 200, `${who}: GET /login answers 200`, resp.status());
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', pw);
	await submit(page, 'input[name="password"]');
	check(path(page) === '/login/factor', `${who}: the password leads to the second factor`, path(page));
	await page.fill('#f-code-totp', await totp(secret));
	await submit(page, '#f-code-totp');
	const ok = path(page) === '/' && (await text(page)).includes(env.T_WELCOME);
	check(ok, `${who}: the TOTP code from oathtool leads to the dashboard`, path(page));
	await shot(page, `${who}-dashboard`);
	return ok;
}

// The rows of the versions table: [number, file name, size, type, ...].
async function versions(page) {
	return page.$$eval('table.versions tbody tr',
	    (rows) => rows.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
}
// The document id of a view page's address (0 when it is none).
function docId(page, done) {
	const m = path(page).match(new RegExp(`^/documents/view\\?id=([0-9]+)&done=${done}$`));
	return m ? Number(m[1]) : 0;
}
// Click the download link of the first (newest) version and compare what
// arrives with FILE: name and SHA-256.
async function download(page, who, file) {
	const link = page.locator('table.versions tbody tr').first().locator('a[download]');
	const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const err = await dl.failure();
	check(err === null, `${who}: the download of the latest version completes`, err);
	check(dl.suggestedFilename() === basename(file), `${who}: ... named as the file uploaded`,
	    dl.suggestedFilename());
	const got = err === null ? readFileSync(await dl.path()) : Buffer.alloc(0);
	const want = readFileSync(file);
	check(got.length === want.length && sha256(got) === sha256(want),
	    `${who}: ... byte for byte the file uploaded (SHA-256)`,
	    `${got.length} bytes, ${sha256(got).slice(0, 16)}`);
}

try {
	// 1. The key user of A uploads a document.
	const key = await person(browser, 'keyuser', true);
	await signIn(key, 'keyuser', env.KEY_EMAIL, env.KEY_PW, env.KEY_SECRET);
	let resp = await key.goto(`${env.BASE}/documents`);
	check(resp.status() === 200, 'key user: GET /documents answers 200', resp.status());
	await collectCsp(key);
	await shot(key, 'keyuser-list-empty');
	await Promise.all([key.waitForNavigation(),
	    key.locator('a', { hasText: env.T_TONEW }).first().click()]);
	check(path(key) === '/documents/new', `key user: "${env.T_TONEW}" opens the upload form`, path(key));
	await collectCsp(key);
	await key.fill('#f-title', env.TITLE);
	await key.fill('#f-description', env.DESC);
	await key.selectOption('#f-category', env.CATEGORY);
	await key.setInputFiles('#f-file', env.FILE1);
	await shot(key, 'keyuser-upload-form');
	await submit(key, '#f-file');
	const doc = docId(key, 'uploaded');
	check(doc > 0, 'key user: the upload leads to the document\'s page (?done=uploaded)', path(key));
	check((await key.locator('h1').innerText()).trim() === env.TITLE,
	    'key user: ... headed with the title');
	let body = await text(key);
	check(body.includes(env.T_UPLOADED) && body.includes(env.DESC) && body.includes(env.CATEGORY_LABEL),
	    'key user: ... with the notice, the description and the category');
	let rows = await versions(key);
	check(rows.length === 1 && rows[0][0] === '1' && rows[0][1] === basename(env.FILE1) &&
	    rows[0][3] === 'application/pdf',
	    'key user: ... and version 1, the file\'s name, typed application/pdf', JSON.stringify(rows));
	await shot(key, 'keyuser-uploaded');

	// 2. A second version, the share with P, the download.
	await key.setInputFiles('#f-file', env.FILE2);
	await submit(key, '#f-file');
	check(docId(key, 'version') === doc, 'key user: the new version leads back (?done=version)',
	    path(key));
	rows = await versions(key);
	check(rows.length === 2 && rows[0][0] === '2' && rows[0][1] === basename(env.FILE2) &&
	    rows[1][0] === '1' && rows[1][1] === basename(env.FILE1),
	    'key user: the page lists version 2 above version 1', JSON.stringify(rows));
	check((await text(key)).includes(env.T_VERSION), 'key user: ... with the notice');
	await shot(key, 'keyuser-version2');

	const option = key.locator(`#f-share-org option[value="${env.ORG_P_ID}"]`);
	check(await option.count() === 1 && (await option.innerText()).trim() === env.ORG_P_NAME,
	    'key user: the share form offers the partner organisation P');
	await key.selectOption('#f-share-org', env.ORG_P_ID);
	await submit(key, '#f-share-org');
	check(path(key) === `/documents/view?id=${doc}&done=shared`, 'key user: sharing leads back (?done=shared)',
	    path(key));
	check(await key.locator('ul.shares li.card', { hasText: env.ORG_P_NAME }).count() === 1 &&
	    (await text(key)).includes(env.T_SHARED), 'key user: the document is listed as shared with P');
	await shot(key, 'keyuser-shared');
	await download(key, 'key user', env.FILE2);
	await shot(key, 'keyuser-downloaded');

	// 3. A second document, not shared.
	await key.goto(`${env.BASE}/documents/new`);
	await key.fill('#f-title', env.TITLE2);
	await key.setInputFiles('#f-file', env.FILE3);
	await submit(key, '#f-file');
	const other = docId(key, 'uploaded');
	check(other > 0 && other !== doc, 'key user: a second document is uploaded', path(key));
	await shot(key, 'keyuser-second-uploaded');
	resp = await key.goto(`${env.BASE}/documents`);
	const listed = (page, title) => page.locator('table.documents tbody a', { hasText: title }).count();
	check(await listed(key, env.TITLE) === 1 && await listed(key, env.TITLE2) === 1,
	    'key user: /documents lists both documents');
	await shot(key, 'keyuser-list');

	// 4. The partner user of P.
	const part = await person(browser, 'partner', true);
	await signIn(part, 'partner', env.PART_EMAIL, env.PART_PW, env.PART_SECRET);
	resp = await part.goto(`${env.BASE}/documents`);
	check(resp.status() === 200, 'partner: GET /documents answers 200', resp.status());
	await collectCsp(part);
	const row = part.locator('table.documents tbody tr', { hasText: env.TITLE });
	check(await row.count() === 1 && (await row.first().innerText()).includes(env.ORG_A_NAME),
	    'partner: the list holds the shared document, of organisation A');
	check(await listed(part, env.TITLE2) === 0 && !(await text(part)).includes(env.TITLE2),
	    'partner: the unshared document is not in the list');
	await shot(part, 'partner-list');
	await Promise.all([part.waitForNavigation(), row.first().locator('a').first().click()]);
	check(path(part) === `/documents/view?id=${doc}`, 'partner: the title opens the document', path(part));
	await collectCsp(part);
	rows = await versions(part);
	check(rows.length === 2 && rows[0][1] === basename(env.FILE2), 'partner: ... with both versions',
	    JSON.stringify(rows));
	check(await part.locator('#f-file, #f-share-org, form[action$="/documents/delete"]').count() === 0,
	    'partner: ... and no form to change, share or delete it');
	await shot(part, 'partner-view');
	await download(part, 'partner', env.FILE2);
	await shot(part, 'partner-downloaded');

	const hidden = `${env.BASE}/documents/view?id=${other}`;
	expected.add(hidden);
	resp = await part.goto(hidden);
	await collectCsp(part);
	check(resp.status() === 404 && (await part.locator('h1').innerText()).includes(env.T_404),
	    'partner: the unshared document\'s address gives the 404 page', resp.status());
	check(!(await text(part)).includes(env.TITLE2), 'partner: ... which does not show its title');
	await shot(part, 'partner-404');
	const r = await part.context().request.get(`${env.BASE}/documents/download?id=${other}`,
	    { maxRedirects: 0 });
	check(r.status() === 404, 'partner: its download address is a 404 as well', r.status());
	console.log(`INFO\tdocuments ${doc} (shared) and ${other} (not shared)`);
} catch (e) {
	check(false, 'the walk completes', e.message.split('\n')[0]);
	for (const p of browser.contexts().flatMap((c) => c.pages()))
		await shot(p, 'error').catch(() => {});
}
check(problems.length === 0, 'no console error or HTTP error', problems.slice(0, 5).join(' | '));
check(csp.length === 0, 'no Content-Security-Policy violation', csp.slice(0, 5).join(' | '));
await browser.close();
process.exit(failures() ? 1 : 0);
