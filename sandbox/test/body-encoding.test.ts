// Robustness of body reading: attribute floods are refused before the XML
// parser runs, and a body is decoded by the charset it declares (Latin-1 text
// arrives intact; a charset the sandbox cannot decode is a clear 415).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_ATTRIBUTES, MAX_ATTRIBUTES_PER_ELEMENT } from '../xml';
import { call, expectError, fileApp, text, xml } from './helpers';

describe('XML attribute caps', () => {
  let t: Awaited<ReturnType<typeof fileApp>>;
  before(async () => (t = await fileApp()));
  after(() => t.cleanup());

  it('80,000 attributes on one element are a quick 400, and nothing is stored', async () => {
    const before = t.counts();
    const attrs = Array.from({ length: 80_000 }, (_, i) => ` a${i}="v"`).join('');
    const started = performance.now();
    const res = await call(t.app, 'POST', '/requests.xml', { as: 'alice', body: `<ticket${attrs}><description>x</description></ticket>` });
    expectError(res, 400, new RegExp(`at most ${MAX_ATTRIBUTES_PER_ELEMENT} on one element`));
    assert.ok(performance.now() - started < 1000, 'refused without parsing the attributes');
    assert.deepEqual(t.counts(), before);
  });

  it('many elements each under the per-element cap are capped in total', async () => {
    const per = MAX_ATTRIBUTES_PER_ELEMENT;
    const elements = Math.ceil(MAX_ATTRIBUTES / per) + 1;
    const attrs = Array.from({ length: per }, (_, i) => ` a${i}="v"`).join('');
    const body = `<ticket>${Array.from({ length: elements }, () => `<x${attrs}/>`).join('')}</ticket>`;
    expectError(await call(t.app, 'PUT', '/tickets/1.xml', { as: 'agent', body }), 400, new RegExp(`at most ${MAX_ATTRIBUTES} in one document`));
  });

  it('attribute-like text in CDATA, comments and quoted values is not counted', async () => {
    const fake = Array.from({ length: 100 }, (_, i) => `a${i}=`).join(' ');
    const body = `<ticket><!-- <x ${fake}> --><subject>${'&lt;'}x</subject><description><![CDATA[<x ${fake}>]]></description></ticket>`;
    const res = await call(t.app, 'POST', '/requests.xml', { as: 'alice', body });
    assert.equal(res.status, 201, res.body);
    assert.equal(text(xml(res), 'description'), `<x ${fake}>`);
  });
});

describe('body charsets', () => {
  let t: Awaited<ReturnType<typeof fileApp>>;
  before(async () => (t = await fileApp()));
  after(() => t.cleanup());

  const latin1 = (s: string) => Buffer.from(s, 'latin1');

  it('a charset=iso-8859-1 body is decoded as Latin-1, not replaced by U+FFFD', async () => {
    const res = await call(t.app, 'POST', '/requests.xml', {
      as: 'alice',
      body: latin1('<ticket><subject>Café</subject><description>Naïve façade, 25 °C, ½ price</description></ticket>'),
      contentType: 'application/xml; charset=iso-8859-1',
    });
    assert.equal(res.status, 201, res.body);
    const ticket = xml(res);
    assert.equal(text(ticket, 'subject'), 'Café');
    assert.equal(text(ticket, 'description'), 'Naïve façade, 25 °C, ½ price');
  });

  it('without a charset parameter, the XML declaration names the encoding', async () => {
    const res = await call(t.app, 'POST', '/requests.xml', {
      as: 'alice',
      body: latin1('<?xml version="1.0" encoding="ISO-8859-1"?><ticket><description>Grüße</description></ticket>'),
      contentType: 'text/xml',
    });
    assert.equal(res.status, 201, res.body);
    assert.equal(text(xml(res), 'description'), 'Grüße');
  });

  it('UTF-8 stays the default, and invalid UTF-8 is a 400 rather than damaged text', async () => {
    const ok = await call(t.app, 'POST', '/requests.xml', { as: 'alice', body: Buffer.from('<ticket><description>Grüße 👋</description></ticket>', 'utf8') });
    assert.equal(text(xml(ok), 'description'), 'Grüße 👋');
    const before = t.counts();
    expectError(
      await call(t.app, 'POST', '/requests.xml', { as: 'alice', body: latin1('<ticket><description>Grüße</description></ticket>'), contentType: 'application/xml; charset=utf-8' }),
      400,
      /not valid UTF-8/,
    );
    assert.deepEqual(t.counts(), before);
  });

  it('any other charset is a 415 that names it, and nothing is stored', async () => {
    const before = t.counts();
    for (const charset of ['windows-1252', 'utf-16', 'shift_jis']) {
      const res = await call(t.app, 'POST', '/requests.xml', {
        as: 'alice',
        body: latin1('<ticket><description>x</description></ticket>'),
        contentType: `application/xml; charset=${charset}`,
      });
      expectError(res, 415, new RegExp(`Unsupported charset "${charset}"`));
    }
    assert.deepEqual(t.counts(), before);
  });
});
