import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HelpdeskBadResponseError, HelpdeskUnauthorizedError, HelpdeskValidationError } from '../errors';
import type { Caller } from '../types';
import {
  buildCommentXml,
  buildNewRequestXml,
  parseCreatedRequestId,
  parseErrorsXml,
  parseRequestListXml,
  parseRequestXml,
  parseUserXml,
  parseWriteAnswerXml,
} from '../classic/xml';
import { readWriteAnswerDocument, withoutElements } from '../classic/document';
import * as seed from './seed-examples';

const caller: Caller = { credentials: { kind: 'password', email: 'ann@example.com', password: 'pw' }, requesterId: '328' };
const squash = (xml: string) => xml.replace(/>\s+</g, '><').trim();
/** A minimal end-user ticket around `inner`, for the cases the seed does not cover. */
const ticket = (inner: string) => `<ticket><nice-id>7</nice-id><created-at>2024-05-01T10:00:00Z</created-at>${inner}</ticket>`;
const comment = (inner: string) => `<comment><created-at>2024-05-01T10:00:00Z</created-at>${inner}</comment>`;

describe('seed: Tickets › Show (an agent view fed to the end-user parser)', () => {
  // The example's requester (3) is the caller, as on a real end-user call.
  const requester: Caller = { ...caller, requesterId: '3' };
  const request = parseRequestXml(seed.agentTicketShow, requester);

  test('keeps only the reduced view: type and priority (the end-user view shows them), no names without <users>', () => {
    assert.deepEqual(request, {
      id: '303',
      subject: null,
      description: 'My printer is not working',
      status: 'open',
      createdAt: '2007-06-03T20:15:44.000Z',
      updatedAt: '2007-06-03T20:15:45.000Z',
      comments: [
        { author: { id: '3', name: null, role: 'you', hasPhoto: false }, createdAt: '2007-06-03T20:15:45.000Z', body: 'This is a comment', attachments: [] },
        { author: { id: '5', name: null, role: 'agent', hasPhoto: false }, createdAt: '2007-06-04T10:07:02.000Z', body: 'Make sure it is plugged in', attachments: [] },
      ],
      requester: { id: '3', name: null, role: 'you', hasPhoto: false },
      type: 'incident',
      priority: 'high',
      canBeSolvedByMe: false,
      followUpOf: null,
      ccs: [],
      access: 'requester',
    });
  });

  test('no agent-only value appears anywhere in the result', () => {
    const json = JSON.stringify(request);
    // Type and priority are deliberately kept (see above); the assignee (4), group (2), tags, score, fields are not.
    for (const leak of ['printer hp', '28', 'assignee', 'group', 'score', 'tags', 'Please contact me', 'ticket-field', 'is-public', 'author-id', 'via', '"4"', '"2"']) {
      assert.ok(!json.includes(leak), `result leaks ${leak}`);
    }
  });

  test('a private comment is dropped, and so is one whose is-public is anything but "true"', () => {
    const xml = seed.agentTicketShow
      .replace('<is-public>true</is-public>\n<value>Make sure', '<is-public>false</is-public>\n<value>Make sure')
      .replace('<is-public>true</is-public>\n<value>This is', '<is-public nil="true"></is-public>\n<value>This is');
    const { comments } = parseRequestXml(xml, caller);
    assert.deepEqual(comments, []);
    assert.ok(!JSON.stringify(parseRequestXml(xml, caller)).includes('plugged in'));
  });
});

describe('seed: Requests › Show', () => {
  test('maps id 575 with no subject and no status', () => {
    assert.deepEqual(parseRequestXml(seed.requestShow, caller), {
      id: '575',
      subject: null,
      description: 'All is broken!',
      status: 'unknown',
      createdAt: '2008-07-07T14:16:16.000Z',
      updatedAt: '2008-07-07T14:16:16.000Z',
      comments: [{ author: { id: '328', name: null, role: 'you', hasPhoto: false }, createdAt: '2008-07-07T14:16:16.000Z', body: 'All is broken!', attachments: [] }],
      // No requester-id in the seed's example: the caller's own request.
      requester: { id: '328', name: null, role: 'you', hasPhoto: false },
      type: null,
      priority: null,
      canBeSolvedByMe: false,
      followUpOf: null,
      ccs: [],
      access: 'requester',
    });
  });

  test('without requester-id, the caller decides who "you" is', () => {
    const other: Caller = { ...caller, requesterId: '999' };
    assert.deepEqual(parseRequestXml(seed.requestShow, other).comments[0]?.author, { id: '328', name: null, role: 'agent', hasPhoto: false });
  });
});

describe('seed: lists', () => {
  test('Requests › List without count: total from the page, no next page when under 15', () => {
    const page = parseRequestListXml(seed.requestListWithoutCount, 1);
    assert.deepEqual(page.requests.map((r) => r.id), ['575', '576']);
    assert.deepEqual(page.page, { number: 1, total: 2, pageCount: 1, hasNext: false, hasPrevious: false });
  });

  test('Tickets › List with count="156": 11 pages, agent fields dropped', () => {
    const page = parseRequestListXml(seed.ticketListWithCount, 3);
    assert.deepEqual(page.requests.map((r) => r.id), ['303', '575']);
    assert.deepEqual(page.page, { number: 3, total: 156, pageCount: 11, hasNext: true, hasPrevious: true });
    assert.ok(!JSON.stringify(page).includes('printer hp'));
  });

  test('one ticket still gives a list; no count and a full page of 15 may have a next page', () => {
    const one = parseRequestListXml(`<tickets type="array">${ticket('')}</tickets>`, 1);
    assert.equal(one.requests.length, 1);
    const fifteen = Array.from({ length: 15 }, (_, i) => ticket('').replace('<nice-id>7<', `<nice-id>${100 + i}<`)).join('\n');
    const full = parseRequestListXml(`<tickets type="array">\n${fifteen}\n</tickets>`, 2);
    assert.deepEqual({ n: full.requests.length, total: full.page.total, pageCount: full.page.pageCount, hasNext: full.page.hasNext }, { n: 15, total: 30, pageCount: 3, hasNext: true });
  });

  test('empty lists in every spelling', () => {
    for (const xml of ['<tickets/>', '<tickets type="array"></tickets>', '<tickets type="array" count="0">\n</tickets>', '<?xml version="1.0" encoding="UTF-8"?>\n<tickets count="0" type="array"></tickets>\n']) {
      const page = parseRequestListXml(xml, 1);
      assert.deepEqual({ n: page.requests.length, total: page.page.total, pageCount: page.page.pageCount }, { n: 0, total: 0, pageCount: 1 }, xml);
    }
  });

  test("a list does not read its requests' comments or people: shapes only a request page would refuse do not break it", () => {
    // A comment without created-at and a <users> holding text: parseRequestXml refuses both; a list shows neither.
    const odd = ticket(`<subject>Printer</subject><comments type="array">${'<comment><value>no date</value></comment>'}</comments><users>text, not people</users>`);
    assert.throws(() => parseRequestXml(odd, caller), HelpdeskBadResponseError);
    const page = parseRequestListXml(`<tickets type="array">${odd}</tickets>`, 1);
    assert.deepEqual(page.requests.map((r) => [r.id, r.subject]), [['7', 'Printer']]);
    assert.ok(!JSON.stringify(page).includes('no date'));
  });

  test('a list with malformed XML inside a comment is still refused: the whole document is checked first', () => {
    assert.throws(() => parseRequestListXml(`<tickets type="array">${ticket(`<comments type="array">${comment('<value>a <b>broken</value>')}</comments>`)}</tickets>`, 1), HelpdeskBadResponseError);
  });

  test('Twitter handles (another resource) are not a request list', () => {
    assert.throws(() => parseRequestListXml(seed.monitoredTwitterHandles, 1), HelpdeskBadResponseError);
  });
});

describe('seed: request bodies', () => {
  test('Requests › Create and Update bodies match the seed modulo whitespace', () => {
    assert.equal(buildNewRequestXml({ subject: 'Hello', description: 'My message' }), squash(seed.requestCreate));
    assert.equal(buildCommentXml('All is good again'), squash(seed.requestUpdate));
  });

  test('the portal cannot send agent fields: bodies carry only subject, description, value', () => {
    const built = buildNewRequestXml({ subject: 's', description: 'My printer is not working' }) + buildCommentXml('Joe, you know the drill');
    for (const agentOnly of [seed.agentTicketCreate, seed.agentTicketCreateWithRequester, seed.agentTicketCreateFromTwitter, seed.agentTicketUpdate, seed.agentAddComment]) {
      for (const [, tag] of agentOnly.matchAll(/<([a-z-]+)[ >]/g)) {
        if (!['ticket', 'comment', 'description', 'value'].includes(tag ?? '')) assert.ok(!built.includes(`<${tag}`), `sends <${tag}>`);
      }
    }
  });

  test('agent bodies are not requests (no created-at, no id)', () => {
    for (const xml of [seed.agentTicketCreate, seed.agentTicketCreateWithRequester, seed.agentTicketCreateFromTwitter, seed.agentTicketUpdate]) {
      assert.throws(() => parseRequestXml(xml, caller), HelpdeskBadResponseError);
    }
  });
});

describe('round trip: build → parse is exact', () => {
  const nasty = `  \n\t<script>alert(1)</script> & ]]> "quotes" 'apos' 😀 日本語 Ελληνικά עברית &amp; &#65;\r\nline two\n\n  `;

  test('the builder escapes markup and keeps every character', () => {
    const xml = buildCommentXml(nasty);
    assert.equal(
      xml,
      '<comment><value>  \n\t&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot;quotes&quot; &apos;apos&apos; 😀 日本語 Ελληνικά עברית &amp;amp; &amp;#65;&#13;\nline two\n\n  </value></comment>',
    );
  });

  test('subject and description survive a new request', () => {
    const built = buildNewRequestXml({ subject: nasty, description: nasty });
    const request = parseRequestXml(built.replace('<ticket>', '<ticket><nice-id>9</nice-id><created-at>2024-05-01T10:00:00Z</created-at>'), caller);
    assert.equal(request.subject, nasty);
    assert.equal(request.description, nasty);
    assert.ok(request.subject?.includes('\r\n'), 'a typed \\r\\n stays \\r\\n');
  });

  test('a comment body survives', () => {
    const built = buildCommentXml(nasty).replace('<comment>', '<comment><created-at>2024-05-01T10:00:00Z</created-at>');
    const request = parseRequestXml(ticket(`<comments type="array">${built}</comments>`), caller);
    assert.equal(request.comments[0]?.body, nasty);
  });

  test('empty text builds an empty element', () => {
    assert.equal(buildCommentXml(''), '<comment><value></value></comment>');
  });

  test('characters XML cannot carry are refused with a clear error', () => {
    for (const bad of ['a\u0000b', 'bell\u0007', 'form\u000Cfeed', 'lone \uD800 surrogate', '\uFFFF']) {
      assert.throws(() => buildCommentXml(bad), (error: unknown) => error instanceof HelpdeskValidationError && /U\+[0-9A-F]{4}/.test(error.messages[0] ?? ''));
    }
    assert.throws(() => buildNewRequestXml({ subject: 'ok', description: 'x\u0001' }), /description/);
  });
});

describe('text, nil and entities', () => {
  test('nil="true" is null, both spellings; empty subject is no subject', () => {
    for (const subject of ['<subject nil="true"/>', '<subject nil="true"></subject>', '<subject></subject>', '<subject/>', '<subject>   </subject>', '']) {
      const request = parseRequestXml(ticket(`${subject}<description>\n\nFirst line  \nsecond</description>`), caller);
      assert.equal(request.subject, null, subject);
      assert.equal(request.description, '\n\nFirst line  \nsecond', subject);
    }
  });

  test('nil status, updated-at, requester-id and comment value', () => {
    const request = parseRequestXml(
      ticket('<status-id nil="true"/><updated-at nil="true"></updated-at><requester-id nil="true"/><comments type="array">' + comment('<author-id>328</author-id><value nil="true"/>') + '</comments>'),
      caller,
    );
    assert.equal(request.status, 'unknown');
    assert.equal(request.updatedAt, request.createdAt);
    assert.deepEqual(request.comments, [{ author: { id: '328', name: null, role: 'you', hasPhoto: false }, createdAt: '2024-05-01T10:00:00.000Z', body: '', attachments: [] }]);
  });

  test('status ids', () => {
    const statuses = ['0', '1', '2', '3', '4', ' 3 ', '5', '', 'open', 'constructor'].map((id) => parseRequestXml(ticket(`<status-id>${id}</status-id>`), caller).status);
    assert.deepEqual(statuses, ['new', 'open', 'pending', 'solved', 'closed', 'solved', 'unknown', 'unknown', 'unknown', 'unknown']);
  });

  test('ids stay strings; nice-id wins over id; typed attributes are ignored', () => {
    const request = parseRequestXml('<ticket><id type="integer">1</id><nice-id type="integer">0012</nice-id><created-at>2024-05-01T10:00:00Z</created-at></ticket>', caller);
    assert.equal(request.id, '0012');
  });

  test('XML entities and character references decode once; HTML entities stay literal', () => {
    const request = parseRequestXml(ticket('<subject>a &amp;lt; b &#39;q&#x27; &#x1F600; &#13;&#0; &nbsp;</subject>'), caller);
    assert.equal(request.subject, "a &lt; b 'q' 😀 \r\uFFFD &nbsp;");
  });

  test('CDATA is text', () => {
    assert.equal(parseRequestXml(ticket('<description><![CDATA[ <b>bold</b> & ]]></description>'), caller).description, ' <b>bold</b> & ');
  });

  test('comments sort oldest first, ties keep the help desk order', () => {
    const c = (at: string, value: string) => `<comment><created-at>${at}</created-at><value>${value}</value></comment>`;
    const request = parseRequestXml(
      ticket(`<comments type="array">${c('2024-05-03T00:00:00Z', 'c')}${c('2024-05-01T00:00:00Z', 'a1')}${c('2024-05-01T00:00:00Z', 'a2')}${c('2024-05-02T00:00:00Z', 'b')}</comments>`),
      caller,
    );
    assert.deepEqual(request.comments.map((x) => x.body), ['a1', 'a2', 'b', 'c']);
  });
});

describe('users and errors', () => {
  test('current user, as the bundled sandbox answers it', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<user>\n  <created-at>2024-01-01T00:00:00Z</created-at>\n  <email>ann@example.com</email>\n  <id type="integer">328</id>\n  <name>Ann Example</name>\n  <roles>0</roles>\n</user>\n';
    assert.deepEqual(parseUserXml(xml), { id: '328', name: 'Ann Example', email: 'ann@example.com' });
    assert.deepEqual(parseUserXml('<user><id>1</id><email>b@example.com</email><name/></user>'), { id: '1', name: 'b@example.com', email: 'b@example.com' });
  });

  test('an anonymous current user means the credentials were not accepted', () => {
    assert.throws(() => parseUserXml('<user><id nil="true"/><name>Anonymous user</name></user>'), HelpdeskUnauthorizedError);
  });

  test('error lists give the help desk its own words; anything else gives none', () => {
    assert.deepEqual(parseErrorsXml(seed.errorList), ["Subject can't be blank", 'Description is too long (maximum is 65535 characters)']);
    assert.deepEqual(parseErrorsXml('<errors><error>Only one</error></errors>'), ['Only one']);
    for (const junk of ['', 'Bad Request', '<html><body>Oops</body></html>', '<!DOCTYPE html><html></html>', '<errors><error>unclosed']) {
      assert.deepEqual(parseErrorsXml(junk), [], junk);
    }
  });

  test('created request id from a body', () => {
    assert.equal(parseCreatedRequestId('<ticket><nice-id>12</nice-id><id>3</id></ticket>'), '12');
    assert.equal(parseCreatedRequestId('<ticket><id>3</id></ticket>'), '3');
    assert.equal(parseCreatedRequestId(''), null);
    assert.equal(parseCreatedRequestId('<ok/>'), null);
  });
});

describe('refused answers', () => {
  test('a DOCTYPE / entity bomb is refused fast, not expanded', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<ticket><nice-id>1</nice-id><created-at>2024-01-01T00:00:00Z</created-at><description>&lol9;</description></ticket>`;
    for (const xml of [bomb, `${'<ticket>'.padEnd(1_500_000, ' ')}<!ENTITY x "y"></ticket>`, '<!doctype html><html><body>Sign in</body></html>']) {
      const started = performance.now();
      assert.throws(() => parseRequestXml(xml, caller), HelpdeskBadResponseError);
      assert.ok(performance.now() - started < 50, 'took too long');
    }
  });

  test('malformed XML', () => {
    for (const xml of ['', 'Internal Server Error', '<ticket><nice-id>1</nice-id>', '<ticket><nice-id>1</ticket>', '<ticket></ticket><ticket></ticket>', '<ticket>a & b</ticket>']) {
      assert.throws(() => parseRequestXml(xml, caller), HelpdeskBadResponseError, xml);
    }
  });

  test('well-formed but the wrong shape', () => {
    const wrong = [
      '<user><id>1</id></user>',
      '<ticket/>',
      '<ticket><nice-id>1</nice-id></ticket>', // no created-at
      ticket('<subject><b>bold</b></subject>'),
      ticket('<subject>a</subject><subject>b</subject>'),
      ticket('<comments type="array">text<comment><value>no time</value></comment></comments>'),
      '<ticket><nice-id>abc</nice-id><created-at>2024-01-01T00:00:00Z</created-at></ticket>',
      '<ticket><nice-id>1</nice-id><created-at>yesterday</created-at></ticket>',
      '<html><body><p>Sign in</p></body></html>',
    ];
    for (const xml of wrong) assert.throws(() => parseRequestXml(xml, caller), HelpdeskBadResponseError, xml);
    assert.throws(() => parseRequestListXml('<tickets count="many"></tickets>', 1), HelpdeskBadResponseError);
    assert.throws(() => parseRequestListXml(seed.requestShow, 1), HelpdeskBadResponseError);
    assert.throws(() => parseUserXml(seed.requestShow), HelpdeskBadResponseError);
  });

  test('the error message names where, never the customer text', () => {
    try {
      parseRequestXml(ticket('<subject><b>secret customer words</b></subject>'), caller);
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof HelpdeskBadResponseError);
      assert.match(error.message, /ticket\.subject/);
      assert.ok(!error.message.includes('secret'));
      assert.equal(error.code, 'bad_response');
    }
  });
});

describe("a write's answer (after a reply or a solve)", () => {
  const long = ticket(`<status-id>3</status-id><comments>${Array.from({ length: 3_000 }, (_, i) => comment(`<author-id>328</author-id><value>Reply ${i}: still happening.</value>`)).join('')}</comments>`);

  test('is read for the request and its status, whatever its conversation', () => {
    assert.deepEqual(parseWriteAnswerXml(long), {
      id: '7',
      subject: null,
      description: '',
      status: 'solved',
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
    });
    assert.throws(() => parseWriteAnswerXml(long.slice(0, -200)), HelpdeskBadResponseError, 'a cut-off answer is still refused');
    assert.throws(() => parseWriteAnswerXml('<ticket><status-id>3</status-id></ticket>'), HelpdeskBadResponseError, 'an answer without a request is refused');
  });

  test('parses none of the conversation or people: what is parsed does not grow with the conversation', () => {
    const short = ticket(`<status-id>3</status-id><comments>${comment('<author-id>328</author-id><value>Only one.</value>')}</comments><users><user><id>328</id><name>Ada</name></user></users>`);
    const cutLong = withoutElements(long, ['comments', 'users']);
    assert.ok(cutLong !== null && !cutLong.includes('<comment') && cutLong.includes('<status-id>3</status-id>'));
    assert.equal(cutLong.length, withoutElements(short, ['comments', 'users'])!.length, 'the same text is parsed at 1 and at 3,000 comments');
    assert.ok(!('comments' in (readWriteAnswerDocument(long) as { ticket: object }).ticket));
  });
});

describe('cutting unread elements out before parsing (withoutElements)', () => {
  test('cuts each named element with its content, empty ones too, and keeps the rest byte for byte', () => {
    const xml = '<tickets><ticket><id>1</id><comments type="array"><comment><value>a &lt;comments&gt; b</value></comment></comments><usersx>kept</usersx><users/></ticket><ticket><id>2</id><comments>\n</comments></ticket></tickets>';
    assert.equal(withoutElements(xml, ['comments', 'users']), '<tickets><ticket><id>1</id><usersx>kept</usersx></ticket><ticket><id>2</id></ticket></tickets>');
    assert.equal(withoutElements('<a><b>1</b></a>', ['comments']), '<a><b>1</b></a>');
  });

  test('gives up (null, so the whole document is parsed) where scanning text could be fooled', () => {
    assert.equal(withoutElements('<t><comments><![CDATA[</comments>]]></comments></t>', ['comments']), null, 'CDATA');
    assert.equal(withoutElements('<t><!-- <comments> --><comments></comments></t>', ['comments']), null, 'an XML comment');
    assert.equal(withoutElements('<t><comments><comments></comments></comments></t>', ['comments']), null, 'nested');
  });

  test('a list answer is read the same with or without the cut', () => {
    const list = `<tickets type="array" count="2">${ticket('<comments type="array">' + comment('<author-id>1</author-id><value>x</value>') + '</comments>').replace(/^<\?xml[^>]*>/, '')}</tickets>`;
    assert.deepEqual(parseRequestListXml(list, 1), parseRequestListXml(list.replace(/<comments[\s\S]*<\/comments>/, ''), 1));
  });
});
