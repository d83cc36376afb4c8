import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, createNonce, requestIdFrom, staticSecurityHeaders } from '../security-headers';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

test('production CSP: a nonce, strict-dynamic, no unsafe-eval or unsafe-inline', () => {
  const policy = contentSecurityPolicy({ nonce: 'abc123', embedOrigins: [], development: false, https: false });
  assert.doesNotMatch(policy, /unsafe-eval|unsafe-inline/);
  const d = directives(policy);
  assert.deepEqual(d.get('script-src'), ["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
  assert.deepEqual(d.get('style-src'), ["'self'", "'nonce-abc123'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'self'"]);
  assert.deepEqual(d.get('form-action'), ["'self'"]);
  assert.equal(d.has('upgrade-insecure-requests'), false);
});

test('frame-ancestors: the portal itself, plus EMBED_ORIGINS', () => {
  assert.deepEqual(directives(contentSecurityPolicy({ nonce: 'n', embedOrigins: [], development: false, https: false })).get('frame-ancestors'), ["'self'"]);
  const policy = contentSecurityPolicy({ nonce: 'n', embedOrigins: ['https://a.example.com', 'http://127.0.0.1:4090'], development: false, https: true });
  assert.deepEqual(directives(policy).get('frame-ancestors'), ["'self'", 'https://a.example.com', 'http://127.0.0.1:4090']);
  assert.equal(directives(policy).has('upgrade-insecure-requests'), true);
});

test('development adds only what React and Next’s overlay need', () => {
  const d = directives(contentSecurityPolicy({ nonce: 'n', embedOrigins: [], development: true, https: false }));
  assert.ok(d.get('script-src')?.includes("'unsafe-eval'"));
  assert.ok(d.get('style-src')?.includes("'unsafe-inline'"));
});

test('static headers: nosniff, referrer policy, permissions policy, HSTS in production only', () => {
  const production = staticSecurityHeaders({ production: true, pathname: '/requests' });
  assert.equal(production['X-Content-Type-Options'], 'nosniff');
  assert.equal(production['Referrer-Policy'], 'strict-origin-when-cross-origin');
  assert.match(production['Permissions-Policy']!, /camera=\(\), microphone=\(\), geolocation=\(\)/);
  assert.doesNotMatch(production['Permissions-Policy']!, /storage-access/);
  assert.match(production['Strict-Transport-Security']!, /^max-age=\d{8,}/);
  assert.equal(staticSecurityHeaders({ production: false, pathname: '/' })['Strict-Transport-Security'], undefined);
  assert.equal(staticSecurityHeaders({ production: true, pathname: '/sso' })['Referrer-Policy'], 'no-referrer');
  assert.equal('X-Frame-Options' in production, false);
});

test('nonces differ per call', () => {
  assert.notEqual(createNonce(), createNonce());
  assert.match(createNonce(), /^[A-Za-z0-9+/]+=*$/);
});

test('a sane incoming request id is kept; anything else is replaced with a UUID', () => {
  assert.equal(requestIdFrom('3f2b9c1e-1111-4a2b-9c3d-abcdefabcdef'), '3f2b9c1e-1111-4a2b-9c3d-abcdefabcdef');
  assert.equal(requestIdFrom('0af7651916cd43dd8448eb211c80319c'), '0af7651916cd43dd8448eb211c80319c');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (const bad of [null, '', 'short', 'has spaces in it ok', 'x'.repeat(200), 'evil\r\nSet-Cookie: a=b', '"quoted-id-123"']) {
    assert.match(requestIdFrom(bad), uuid, String(bad));
  }
});
