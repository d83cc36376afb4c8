import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_ADMIN } from '../../../sandbox/app';
import { DEMO_INVOICE, DEMO_USERS } from '../../../sandbox/demo';
import { HelpdeskNotFoundError, HelpdeskValidationError } from '../errors';
import type { Caller, Helpdesk } from '../types';
import { ADAPTERS, AGENT_XML_HEADERS, agentUpdate, basicHeader, signIn, startSandbox } from './contract-sandbox';
import { failure } from './fake-helpdesk';
import { bytesOf, fileOf, random, sha } from './streams';

/**
 * Files, the same for every adapter and mode on the real sandbox: a new request with two files, a
 * reply with one, each downloaded byte for byte; what the customer may not have (another
 * customer's file, an agent's internal note's file) is not found; a token attaches once; the
 * sandbox's limits come back as reasons; photos of the people on a request.
 */

let sandbox: FastifyInstance;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const { alice, bob } = DEMO_USERS;

/** An agent's internal note with a file, through the classic ticket API; returns the file's id. */
async function internalNoteWithFile(id: string): Promise<string> {
  const uploaded = await sandbox.inject({ method: 'POST', url: '/uploads.xml?filename=internal.txt', headers: { ...AGENT_XML_HEADERS, 'content-type': 'text/plain' }, payload: 'agents only' });
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  const token = /<token>([^<]+)<\/token>/.exec(uploaded.body)?.[1];
  await agentUpdate(sandbox, id, `<comment><is-public>false</is-public><value>See the file</value><uploads>${token}</uploads></comment>`);
  return /<attachment>\s*<id>(\d+)<\/id>/.exec(uploaded.body)?.[1] ?? '';
}

for (const adapter of ADAPTERS) {
  const modes: [string, () => Helpdesk][] = [['end user', adapter.endUser], ...Object.entries(adapter.onBehalfOf)];
  for (const [mode, make] of modes) {
    describe(`contract (${adapter.name}, ${mode}): files`, () => {
      let helpdesk: Helpdesk;
      before(() => {
        helpdesk = make();
      });
      const callerOf = async (user: { email: string; password: string }): Promise<Caller> => {
        if (mode === 'end user') return signIn(helpdesk, user);
        const requester = await helpdesk.whoAmI(helpdesk.onBehalfOf(user.email)!);
        return helpdesk.callerFor({ requester })!;
      };

      test('create with two files, reply with one; each downloads byte for byte; the request lists them', async () => {
        assert.equal(helpdesk.capabilities.attachments, true);
        const you = await callerOf(alice);
        const log = new TextEncoder().encode('line one\nline two ✓\n');
        const picture = random(50_000);
        const reply = random(12_345);
        const first = await helpdesk.uploadFile(you, fileOf('crash.log', 'text/plain', log));
        const second = await helpdesk.uploadFile(you, fileOf('screen shot.png', 'image/png', picture));
        assert.match(first.token, /^[A-Za-z0-9_-]+$/);
        assert.deepEqual(second.attachment, { id: second.attachment.id, fileName: 'screen shot.png', contentType: 'image/png', size: 50_000 });

        const { id } = await helpdesk.createRequest(you, { subject: `Files ${adapter.name} ${mode}`, description: 'Two files', uploads: [first.token, second.token], followUpOf: null });
        const third = await helpdesk.uploadFile(you, fileOf('more.bin', 'application/octet-stream', reply));
        await helpdesk.addComment(you, id, { body: 'And one more', uploads: [third.token], solve: false });

        const request = await helpdesk.getRequest(you, id);
        assert.deepEqual(request.comments.map((c) => c.attachments), [[first.attachment, second.attachment], [third.attachment]]);
        for (const [receipt, bytes] of [[first, log], [second, picture], [third, reply]] as const) {
          const download = await helpdesk.openAttachment(you, id, receipt.attachment.id);
          assert.deepEqual(download.attachment, receipt.attachment);
          assert.equal(sha(await bytesOf(download.body)), sha(bytes), receipt.attachment.fileName);
        }
      });

      test('the demo\'s March invoice: on the agent\'s reply of the closed request, and it downloads', async () => {
        const you = await callerOf(alice);
        const closed = (await helpdesk.listRequests(you, { status: 'solved', page: 1 })).requests.find((r) => r.subject === 'Copy of my March invoice');
        assert.ok(closed);
        const reply = (await helpdesk.getRequest(you, closed.id)).comments.find((c) => c.attachments.length > 0);
        assert.deepEqual(
          { role: reply?.author.role, files: reply?.attachments.map((a) => [a.fileName, a.contentType, a.size]) },
          { role: 'agent', files: [[DEMO_INVOICE.name, 'application/pdf', DEMO_INVOICE.bytes.length]] },
        );
        const download = await helpdesk.openAttachment(you, closed.id, reply!.attachments[0]!.id);
        assert.equal(sha(await bytesOf(download.body)), sha(DEMO_INVOICE.bytes));
      });

      test('a token attaches once: sending it again (a retried send) is refused, the file is there once', async () => {
        const you = await callerOf(alice);
        const receipt = await helpdesk.uploadFile(you, fileOf('once.txt', 'text/plain', new TextEncoder().encode('once')));
        const { id } = await helpdesk.createRequest(you, { subject: 'Once', description: 'x', uploads: [receipt.token], followUpOf: null });
        const again = await failure(helpdesk.addComment(you, id, { body: 'Again', uploads: [receipt.token], solve: false }));
        assert.ok(again instanceof HelpdeskValidationError);
        assert.deepEqual(again.reasons, [{ field: 'file', problem: 'upload' }]);
        const files = (await helpdesk.getRequest(you, id)).comments.flatMap((c) => c.attachments);
        assert.deepEqual(files.map((a) => a.id), [receipt.attachment.id]);
      });

      test('another customer\'s file, an internal note\'s file, and no file at all: not found alike', async () => {
        const you = await callerOf(alice);
        const theirs = await callerOf(bob);
        const upload = await helpdesk.uploadFile(theirs, fileOf('bob.txt', 'text/plain', new TextEncoder().encode('Bob only')));
        const { id: bobsRequest } = await helpdesk.createRequest(theirs, { subject: 'Bob\'s', description: 'x', uploads: [upload.token], followUpOf: null });
        const { id: mine } = await helpdesk.createRequest(you, { subject: 'Mine', description: 'x', uploads: [], followUpOf: null });
        const noteFile = await internalNoteWithFile(mine);

        for (const [requestId, fileId] of [[bobsRequest, upload.attachment.id], [mine, upload.attachment.id], [mine, noteFile], [mine, '987654'], [mine, 'x1']]) {
          assert.ok((await failure(helpdesk.openAttachment(you, requestId!, fileId!))) instanceof HelpdeskNotFoundError, `${requestId}/${fileId}`);
        }
        const request = JSON.stringify(await helpdesk.getRequest(you, mine));
        assert.ok(!request.includes('internal.txt') && !request.includes('See the file'), 'the note and its file are never listed');
      });

      test('the help desk\'s limits come back as reasons: an executable, a file over the limit', async () => {
        const you = await callerOf(alice);
        const exe = await failure(helpdesk.uploadFile(you, fileOf('setup.exe', 'application/octet-stream', random(10))));
        assert.ok(exe instanceof HelpdeskValidationError);
        assert.deepEqual(exe.reasons, [{ field: 'file', problem: 'file_type' }]);
        const tooLarge = await failure(helpdesk.uploadFile(you, fileOf('huge.bin', 'application/octet-stream', new Uint8Array(20 * 1024 * 1024 + 1))));
        assert.ok(tooLarge instanceof HelpdeskValidationError);
        assert.deepEqual(tooLarge.reasons, [{ field: 'file', problem: 'too_large' }]);
      });

      test('a photo of someone who answered: hasPhoto, and the picture itself; none for others', async () => {
        const png = random(3_000);
        const set = await sandbox.inject({
          method: 'PUT',
          url: '/_sandbox/users/2/photo?filename=ada.png',
          headers: { authorization: basicHeader(DEFAULT_ADMIN.email, DEFAULT_ADMIN.password), 'content-type': 'image/png' },
          payload: Buffer.from(png),
        });
        assert.equal(set.statusCode, 200, set.body);
        const you = await callerOf(alice);
        const { id } = await helpdesk.createRequest(you, { subject: 'Faces', description: 'x', uploads: [], followUpOf: null });
        await agentUpdate(sandbox, id, '<comment><is-public>true</is-public><value>Hello from Ada</value></comment>');
        const request = await helpdesk.getRequest(you, id);
        assert.deepEqual(request.comments.map((c) => [c.author.name, c.author.hasPhoto]), [[alice.name, false], [DEMO_USERS.agent.name, true]]);
        const photo = await helpdesk.openPhoto(you, id, '2');
        assert.equal(photo.attachment.contentType, 'image/png');
        assert.equal(sha(await bytesOf(photo.body)), sha(png));
        for (const user of [you.requesterId, '1', '4']) {
          assert.ok((await failure(helpdesk.openPhoto(you, id, user))) instanceof HelpdeskNotFoundError, user);
        }
      });
    });
  }
}
