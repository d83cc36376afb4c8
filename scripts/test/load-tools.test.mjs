// The load test's own tools: reading forms like a browser, posting them back, keeping cookies, and
// holding the help desk's contents against the ledger (a checker that cannot fail proves nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ledger } from '../load/ledger.mjs';
import { CookieJar, encodeMultipart, fillForm, readForm } from '../load/no-js-browser.mjs';
import { verifyWrites } from '../load/verify-writes.mjs';

const page = `
<form action="/logout" method="post"><input type="hidden" name="$ACTION_ID_1" value="x"><button>Log out</button></form>
<form class="f" noValidate="" action="" encType="multipart/form-data" method="POST">
  <input type="hidden" name="$ACTION_REF_1"/>
  <input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;60fe&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/>
  <input type="hidden" name="form-token" value='tok&amp;1'/>
  <input type="checkbox" name="notify"/><input type="checkbox" name="copy" checked value="yes"/>
  <textarea id="body" name="body" rows="5">
Kept &lt;draft&gt;</textarea>
  <button type="submit" name="go" value="1">Send reply</button>
</form>`;

test('readForm picks the form with the field, with every named input decoded, and resolves its action', () => {
  const form = readForm(page, 'body', 'http://portal.test/requests/7?x=1');
  assert.deepEqual(form, {
    action: '/requests/7?x=1',
    fields: [
      ['$ACTION_REF_1', ''],
      ['$ACTION_1:0', '{"id":"60fe","bound":"$@1"}'],
      ['form-token', 'tok&1'],
      ['copy', 'yes'],
      ['body', 'Kept <draft>'],
    ],
  });
  assert.equal(readForm(page, 'password', 'http://portal.test/'), null);
  assert.equal(readForm(page, '$ACTION_ID_1', 'http://portal.test/requests/7').action, '/logout');
});

test('a filled form posts as multipart that a server reads back field for field', async () => {
  const form = readForm(page, 'body', 'http://portal.test/requests/7');
  const { body, contentType } = encodeMultipart(fillForm(form, { body: 'Réponse "quoted" 😀\nline 2' }));
  const data = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  assert.equal(data.get('body'), 'Réponse "quoted" 😀\nline 2');
  assert.equal(data.getAll('body').length, 1);
  assert.equal(data.get('form-token'), 'tok&1');
  assert.equal(data.get('$ACTION_1:0'), '{"id":"60fe","bound":"$@1"}');
});

test('CookieJar keeps what is set, replaces it, and forgets what expires', () => {
  const jar = new CookieJar();
  jar.update(['__Host-portico_session=abc; Path=/; Secure; HttpOnly', 'other=1; Max-Age=60']);
  assert.equal(jar.header(), '__Host-portico_session=abc; other=1');
  jar.update('__Host-portico_session=def; Path=/');
  jar.update(['other=; Max-Age=0', undefined].filter(Boolean));
  assert.equal(jar.header(), '__Host-portico_session=def');
  jar.update('__Host-portico_session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  assert.equal(jar.has('__Host-portico_session'), false);
});

test('verifyWrites finds lost, duplicated, misplaced and refused-but-saved writes', async () => {
  const ledger = new Ledger('t1');
  const user = { email: 'u@example.com' };
  const write = (kind, target, answer) => {
    const marker = ledger.sent(kind, user, target);
    if (answer) ledger.writeAnswered(marker, answer.id ?? null, answer.problem ?? null);
    return marker;
  };
  const kept = write('request', null, { id: '10' });
  const lost = write('request', null, { id: '11' });
  const twice = write('comment', '10', { id: '10' });
  const elsewhere = write('comment', '10', { id: '10' });
  const refused = write('comment', '10', { problem: 'status 500' });
  const cutOff = write('request', null, null);
  const helpdesk = {
    async requestsOf() {
      return [
        { id: '10', subject: `Load test ${kept}`, comments: [`Made.\n${kept}`, `Reply ${twice}`, `Reply ${twice}`, `Reply ${refused}`] },
        { id: '12', subject: `Load test ${cutOff}`, comments: [`Made.\n${cutOff}`, `Reply ${elsewhere}`] },
        { id: '13', subject: 'Load test [load-t1-r99]', comments: [] },
      ];
    },
  };
  const outcome = await verifyWrites(ledger, helpdesk, [user]);
  assert.equal(outcome.acknowledged, 4);
  assert.equal(outcome.saved, 1);
  assert.deepEqual(outcome.lost.map((w) => w.marker), [lost]);
  assert.deepEqual(outcome.duplicated.map((w) => w.marker), [twice]);
  assert.deepEqual(outcome.misplaced.map((w) => w.marker), [elsewhere]);
  assert.deepEqual(outcome.refusedButSaved.map((w) => w.marker), [refused]);
  assert.deepEqual([outcome.unanswered, outcome.unansweredSaved], [1, 1]);
  assert.deepEqual(outcome.unknown, ['[load-t1-r99]']);
});
