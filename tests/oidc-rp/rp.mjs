// A relying party on openid-client (v6, the certified library most Node
// applications use), driven by tests/integ/oidc-interop.test.  The test is
// the browser: it opens the URL this prints, signs in with curl and hands
// back the URL Pforte redirected to.
//
//   node rp.mjs authorize STATEFILE       prints the authorization URL;
//                                         keeps verifier, state, nonce
//   node rp.mjs callback STATEFILE URL    code exchange (ID token checked
//                                         by the library: signature from
//                                         the JWKS, iss, aud, exp, nonce),
//                                         userinfo, refresh, and the old
//                                         refresh token once more
//
// Environment: ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, SCOPE, and
// NODE_EXTRA_CA_CERTS (the portal's self-signed certificate).  The result
// is one JSON object on stdout; any failure is a message on stderr and
// exit status 1.
import { readFileSync, writeFileSync } from 'node:fs';
import * as client from 'openid-client';

const env = (k) => {
	const v = process.env[k];
	if (!v)
		throw new Error(`${k} is not set`);
	return v;
};

async function config() {
	// Discovery; client_secret_basic as mod_auth_openidc uses it too.
	return client.discovery(new URL(env('ISSUER')), env('CLIENT_ID'),
	    { client_secret: env('CLIENT_SECRET') },
	    client.ClientSecretBasic(env('CLIENT_SECRET')));
}

async function authorize(file) {
	const c = await config();
	const verifier = client.randomPKCECodeVerifier();
	const st = {
		verifier,
		state: client.randomState(),
		nonce: client.randomNonce(),
	};
	writeFileSync(file, JSON.stringify(st));
	const url = client.buildAuthorizationUrl(c, {
		redirect_uri: env('REDIRECT_URI'),
		scope: process.env.SCOPE || 'openid email profile roles offline_access',
		code_challenge: await client.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256',
		state: st.state,
		nonce: st.nonce,
	});
	process.stdout.write(url.href + '\n');
}

// err: the OAuth error code of a failed call, or its message.
const err = (e) => e?.error || e?.cause?.error || e?.code || String(e?.message || e);

async function callback(file, href) {
	const c = await config();
	const st = JSON.parse(readFileSync(file, 'utf8'));
	const out = { steps: [] };
	const tokens = await client.authorizationCodeGrant(c, new URL(href), {
		pkceCodeVerifier: st.verifier,
		expectedState: st.state,
		expectedNonce: st.nonce,
		idTokenExpected: true,
	});
	out.steps.push('code');
	const claims = tokens.claims();
	out.id_token = claims;
	out.token_type = tokens.token_type;
	out.has_refresh = Boolean(tokens.refresh_token);
	// userinfo: sub must be the ID token's (the library checks it)
	out.userinfo = await client.fetchUserInfo(c, tokens.access_token, claims.sub);
	out.steps.push('userinfo');
	if (tokens.refresh_token) {
		const r = await client.refreshTokenGrant(c, tokens.refresh_token);
		out.steps.push('refresh');
		out.rotated = Boolean(r.refresh_token) && r.refresh_token !== tokens.refresh_token;
		out.refresh_sub = r.claims()?.sub ?? null;
		out.refresh_access_differs = r.access_token !== tokens.access_token;
		const u2 = await client.fetchUserInfo(c, r.access_token, claims.sub);
		out.userinfo_after_refresh = u2.sub === claims.sub;
		// the rotated-away token must fail now (reuse detection) ...
		try {
			await client.refreshTokenGrant(c, tokens.refresh_token);
			out.old_refresh = 'accepted';
		} catch (e) {
			out.old_refresh = err(e);
		}
		// ... and so must its successor: reuse revokes the family
		try {
			await client.refreshTokenGrant(c, r.refresh_token);
			out.family_after_reuse = 'accepted';
		} catch (e) {
			out.family_after_reuse = err(e);
		}
	}
	process.stdout.write(JSON.stringify(out) + '\n');
}

try {
	const [cmd, file, arg] = process.argv.slice(2);
	if (cmd === 'authorize' && file)
		await authorize(file);
	else if (cmd === 'callback' && file && arg)
		await callback(file, arg);
	else
		throw new Error('usage: rp.mjs authorize STATEFILE | callback STATEFILE URL');
} catch (e) {
	process.stderr.write(`rp.mjs: ${err(e)}: ${e?.message || e}\n`);
	if (e?.cause)
		process.stderr.write(`rp.mjs: cause: ${JSON.stringify(e.cause)}\n`);
	process.exit(1);
}
