// Bad input of every kind gets a 4xx with the errors document, never a 500,
// and never leaves a row behind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, errorOf, expectError, fileApp, type CallOptions } from './helpers';

describe('bad input', () => {
  let t: Awaited<ReturnType<typeof fileApp>>;
  let baseline: ReturnType<typeof t.counts>;
  before(async () => {
    t = await fileApp();
    baseline = t.counts();
  });
  after(() => t.cleanup());

  const post = (url: string, opts: CallOptions) => call(t.app, 'POST', url, opts);

  it('a body over 1 MB is a 413', async () => {
    const big = `<ticket><description>${'x'.repeat(1024 * 1024)}</description></ticket>`;
    expectError(await post('/requests.xml', { as: 'alice', body: big }), 413, /too large/);
    expectError(await post('/tickets.xml', { as: 'agent', body: big }), 413);
  });

  it('only XML content types are accepted', async () => {
    const body = '<ticket><description>x</description></ticket>';
    expectError(await post('/requests.xml', { as: 'alice', body, contentType: 'application/x-www-form-urlencoded' }), 415);
    expectError(await post('/requests.xml', { as: 'alice', body, contentType: 'text/plain' }), 415);
    expectError(await post('/requests.xml', { as: 'alice', body: '{"ticket":{}}', contentType: 'application/json' }), 415);
    expectError(await post('/requests.xml', { as: 'alice', body: '{"ticket":', contentType: 'application/json' }), 400);
    for (const type of ['application/xml', 'text/xml', 'application/xml; charset=utf-8', 'Application/XML']) {
      const res = await post('/requests.xml', { as: 'alice', body: `<ticket><description>${type}</description></ticket>`, contentType: type });
      assert.equal(res.status, 201, `${type}: ${res.body}`);
    }
    baseline = t.counts();
  });

  it('a POST or PUT without a body is a 400', async () => {
    for (const [method, url, as] of [
      ['POST', '/requests.xml', 'alice'],
      ['PUT', '/requests/1.xml', 'alice'],
      ['POST', '/tickets.xml', 'agent'],
      ['PUT', '/tickets/1.xml', 'agent'],
      ['POST', '/users.xml', 'admin'],
    ] as const) {
      expectError(await call(t.app, method, url, { as }), 400, /body/);
      expectError(await call(t.app, method, url, { as, body: '' }), 400, /empty/);
    }
  });

  it('malformed XML and DOCTYPE are 400', async () => {
    const bodies = [
      '<ticket><description>unclosed</ticket>',
      'not xml at all',
      '<ticket><description>a & b</description></ticket>',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><ticket><description>&lol2;</description></ticket>',
      '<ticket><description>&nbsp;</description></ticket>',
      '<ticket/><ticket/>',
      '<ticket>text<description>x</description></ticket>',
    ];
    for (const body of bodies) {
      expectError(await post('/requests.xml', { as: 'alice', body }), 400);
      expectError(await post('/tickets.xml', { as: 'agent', body }), 400);
    }
    expectError(await post('/requests.xml', { as: 'alice', body: '<!DOCTYPE t><ticket><description>x</description></ticket>' }), 400, /DOCTYPE/);
  });

  it('ids that are not decimal numbers are 400; unknown routes 404', async () => {
    for (const url of ['/requests/abc.xml', '/requests/1a', '/requests/-1.xml', '/requests/1.json', '/requests/%201']) {
      expectError(await call(t.app, 'GET', url, { as: 'alice' }), 400, /id/);
    }
    for (const url of ['/tickets/x.xml', '/tickets/1.5', '/rules/all.xml', '/users/me.xml']) {
      expectError(await call(t.app, 'GET', url, { as: 'agent' }), 400, /id/);
    }
    expectError(await call(t.app, 'DELETE', '/tickets/0x1', { as: 'agent' }), 400);
    expectError(await call(t.app, 'GET', '/requests/99999999999999999999999.xml', { as: 'alice' }), 404);
    expectError(await call(t.app, 'GET', '/nope.xml', { as: 'alice' }), 404);
    expectError(await call(t.app, 'PATCH', '/requests/1.xml', { as: 'alice' }), 404);
    expectError(await call(t.app, 'GET', '/requests.json', { as: 'alice' }), 404);
  });

  it('no garbage body ever gets a 500', async () => {
    const bodies = [
      '<', '>', '<?xml?>', '<a', '<![CDATA[x]]>', '<ticket><![CDATA[', '<t:ticket xmlns:t="u"><t:description>x</t:description></t:ticket>',
      '<ticket><description a="1" a="2">x</description></ticket>', '\u0000',
      '<comment><value>x</value></comment>', '<user/>', '<ticket><ticket-field-entries>x</ticket-field-entries></ticket>',
      '<ticket><constructor>1</constructor></ticket>', '<ticket><__proto__><x>1</x></__proto__></ticket>', '<ticket><toString/></ticket>',
      `<ticket>${'<a>'.repeat(50)}${'</a>'.repeat(50)}</ticket>`, '<ticket><description>&#xD800;</description></ticket>',
      '<ticket><description>&#99999999;</description></ticket>', '<ticket><set-tags>a</set-tags><set-tags>b</set-tags></ticket>',
    ];
    const targets: [string, string, CallOptions['as']][] = [
      ['POST', '/requests.xml', 'alice'], ['PUT', '/requests/1.xml', 'alice'], ['POST', '/tickets.xml', 'agent'],
      ['PUT', '/tickets/1.xml', 'agent'], ['POST', '/users.xml', 'admin'],
    ];
    for (const body of bodies) {
      for (const [method, url, as] of targets) {
        const res = await call(t.app, method, url, { as, body });
        assert.ok(res.status < 500, `${method} ${url} ${JSON.stringify(body)} -> ${res.status} ${res.body}`);
        if (res.status >= 400) assert.ok(errorOf(res).length > 0);
        assert.ok(res.status >= 400, `accepted ${JSON.stringify(body)} at ${method} ${url}`);
      }
    }
  });

  it('none of the refused calls wrote a row', () => {
    assert.deepEqual(t.counts(), baseline);
  });

  it('odd but well-formed documents are accepted: CDATA, a default namespace, a byte order mark', async () => {
    for (const body of [
      '<ticket><description><![CDATA[x]]></description></ticket>',
      '<ticket xmlns="urn:x"><description>x</description></ticket>',
      '\uFEFF<ticket><description>bom</description></ticket>',
    ]) {
      assert.equal((await post('/requests.xml', { as: 'alice', body })).status, 201, body);
    }
  });
});
