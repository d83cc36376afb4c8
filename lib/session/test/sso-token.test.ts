import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { readSsoToken, spendSsoToken, verifySsoToken, type ClaimTokenId } from '../sso-token';

const settings = { secret: 'sso-secret-for-unit-tests-0123456789abcdef', maxAgeSeconds: 300, clockSkewSeconds: 30 };
const now = new Date('2026-05-01T12:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function memoryClaims(): ClaimTokenId & { keys: Map<string, number> } {
  const keys = new Map<string, number>();
  const claim = async (key: string, ttl: number) => {
    if (keys.has(key)) return false;
    keys.set(key, ttl);
    return true;
  };
  return Object.assign(claim, { keys });
}

async function token(claims: Record<string, unknown>, options: { secret?: string; alg?: string } = {}) {
  return new SignJWT({ email: 'alice@example.com', name: 'Alice', iat: nowSeconds, jti: `jti-${Math.random()}`, ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? settings.secret));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('a fresh, well-signed token gives the claims, with the email lower-cased', async () => {
  const result = await verifySsoToken(await token({ email: 'Alice@Example.com', external_id: 42, return_to: '/requests/new' }), settings, memoryClaims(), now);
  assert.deepEqual(result, {
    ok: true,
    claims: { email: 'alice@example.com', name: 'Alice', externalId: '42', returnTo: '/requests/new', jti: (result.ok && result.claims.jti) || '' },
  });
});

test('expired: older than the maximum age plus the skew', async () => {
  const claims = memoryClaims();
  assert.deepEqual(await verifySsoToken(await token({ iat: nowSeconds - 300 - 31 }), settings, claims, now), { ok: false, reason: 'expired' });
  // Within the skew it still passes.
  assert.equal((await verifySsoToken(await token({ iat: nowSeconds - 300 - 29 }), settings, claims, now)).ok, true);
  // An exp in the past is refused even if iat is recent.
  assert.deepEqual(await verifySsoToken(await token({ exp: nowSeconds - 31 }), settings, claims, now), { ok: false, reason: 'expired' });
});

test('future-dated: iat (or nbf) beyond the clock skew', async () => {
  const claims = memoryClaims();
  assert.deepEqual(await verifySsoToken(await token({ iat: nowSeconds + 31 }), settings, claims, now), { ok: false, reason: 'not_yet_valid' });
  assert.deepEqual(await verifySsoToken(await token({ nbf: nowSeconds + 60 }), settings, claims, now), { ok: false, reason: 'not_yet_valid' });
  assert.equal((await verifySsoToken(await token({ iat: nowSeconds + 29 }), settings, claims, now)).ok, true);
});

test('a replayed jti is refused, and remembered for as long as the token could be valid', async () => {
  const claims = memoryClaims();
  const once = await token({ jti: 'one-time' });
  assert.equal((await verifySsoToken(once, settings, claims, now)).ok, true);
  assert.deepEqual(await verifySsoToken(once, settings, claims, now), { ok: false, reason: 'used' });
  // Another token with the same id is a replay too.
  assert.deepEqual(await verifySsoToken(await token({ jti: 'one-time' }), settings, claims, now), { ok: false, reason: 'used' });
  const [[key, ttl]] = [...claims.keys.entries()] as [[string, number]];
  assert.match(key, /^sso:jti:[A-Za-z0-9_-]{43}$/, 'hashed, so any jti makes a short key');
  assert.equal(ttl, 300 + 2 * 30);
});

test('wrong secret, alg none, other algorithms and garbage are all just "invalid"', async () => {
  const claims = memoryClaims();
  const refused = async (t: string | null) => (await verifySsoToken(t, settings, claims, now)) as { ok: false; reason: string };
  assert.equal((await refused(await token({}, { secret: 'another-secret-that-is-long-enough-000000' }))).reason, 'invalid');
  assert.equal((await refused(await token({}, { alg: 'HS512' }))).reason, 'invalid');
  const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ email: 'alice@example.com', iat: nowSeconds, jti: 'x' })}.`;
  assert.equal((await refused(none)).reason, 'invalid');
  // A valid signature over a header that claims alg none is still refused.
  const good = await token({});
  const [, payload, signature] = good.split('.');
  assert.equal((await refused(`${b64({ alg: 'none' })}.${payload}.${signature}`)).reason, 'invalid');
  assert.equal((await refused('not.a.jwt')).reason, 'invalid');
  assert.equal((await refused('x'.repeat(9000))).reason, 'invalid');
  assert.equal((await refused(null)).reason, 'missing');
  assert.equal((await refused('')).reason, 'missing');
  assert.equal(claims.keys.size, 0, 'nothing refused was remembered');
});

test('the claims must be there and well-formed', async () => {
  const claims = memoryClaims();
  for (const bad of [{ email: undefined }, { email: 'not-an-email' }, { jti: undefined }, { jti: '' }, { iat: undefined }, { name: 42 }]) {
    const result = await verifySsoToken(await token(bad), settings, claims, now);
    assert.deepEqual(result, { ok: false, reason: 'invalid' }, JSON.stringify(bad));
  }
  // Name is optional.
  assert.equal((await verifySsoToken(await token({ name: undefined }), settings, claims, now)).ok, true);
});

test('reading a token checks it without using it up; using it up happens once', async () => {
  const claims = memoryClaims();
  const jwt = await token({ jti: 'shown-then-confirmed' });
  // Shown on the confirmation page, as often as the page is loaded: nothing is spent.
  for (let i = 0; i < 3; i += 1) assert.equal((await readSsoToken(jwt, settings, now)).ok, true);
  assert.equal(claims.keys.size, 0);
  // Confirmed: spent once, and from then on refused.
  const read = await readSsoToken(jwt, settings, now);
  assert.ok(read.ok);
  assert.equal(await spendSsoToken(read.claims, settings, claims), true);
  assert.equal(await spendSsoToken(read.claims, settings, claims), false);
  assert.deepEqual(await verifySsoToken(jwt, settings, claims, now), { ok: false, reason: 'used' });
  // Reading still refuses what verifying refuses, e.g. an expired token.
  assert.deepEqual(await readSsoToken(await token({ iat: nowSeconds - 300 - 31 }), settings, now), { ok: false, reason: 'expired' });
  assert.deepEqual(await readSsoToken('not-a-token', settings, now), { ok: false, reason: 'invalid' });
});

test('a locale claim gives a language the portal speaks; any other is ignored, not a reason to refuse', async () => {
  const read = async (locale: unknown) => readSsoToken(await token({ email: 'a@example.com', jti: `l-${String(locale)}`, iat: nowSeconds, locale }), settings, now);
  assert.deepEqual(await read('de-AT'), { ok: true, claims: { email: 'a@example.com', name: 'Alice', jti: 'l-de-AT', locale: 'de' } });
  assert.deepEqual(await read('ar'), { ok: true, claims: { email: 'a@example.com', name: 'Alice', jti: 'l-ar', locale: 'ar' } });
  assert.deepEqual(await read('zh'), { ok: true, claims: { email: 'a@example.com', name: 'Alice', jti: 'l-zh' } });
  assert.deepEqual(await read('"><b>'), { ok: true, claims: { email: 'a@example.com', name: 'Alice', jti: 'l-"><b>' } });
  assert.deepEqual(await read(42), { ok: false, reason: 'invalid' }, 'a locale that is not even a string is a malformed token');
});
