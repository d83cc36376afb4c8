import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FormReadError, readForm, type IncomingFile } from '../multipart';

/** A form as a browser posts it, streamed in small chunks. */
function post(form: FormData, { chunk = 7 } = {}): Promise<Request> {
  const encoded = new Response(form);
  const type = encoded.headers.get('content-type')!;
  return encoded.arrayBuffer().then((bytes) => {
    const body = new Uint8Array(bytes);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= body.length) return controller.close();
        controller.enqueue(body.slice(offset, (offset += chunk)));
      },
    });
    return new Request('http://portal.test/requests/new/send', { method: 'POST', body: stream, headers: { 'content-type': type }, duplex: 'half' } as RequestInit);
  });
}

async function collect(file: IncomingFile) {
  const parts: Buffer[] = [];
  for await (const part of file.stream) parts.push(part as Buffer);
  return { name: file.fileName, field: file.fieldName, type: file.contentType, bytes: Buffer.concat(parts), truncated: file.stream.truncated };
}

test('text fields are collected and each file is handed over as a stream, in order', async () => {
  const form = new FormData();
  form.append('subject', 'Printer on fire');
  form.append('description', 'Zeile 1\r\nZeile 2 – ünïcödé 😀');
  form.append('files', new File(['first file'], 'eins.txt', { type: 'text/plain' }));
  form.append('files', new File([new Uint8Array([0, 1, 2, 255])], 'Bericht März.bin', { type: 'application/octet-stream' }));
  const files: Awaited<ReturnType<typeof collect>>[] = [];
  const read = await readForm(await post(form), { maxFileBytes: 1000, maxFiles: 10, onFile: async (file) => void files.push(await collect(file)) });
  assert.deepEqual(read.fields, [
    ['subject', 'Printer on fire'],
    ['description', 'Zeile 1\r\nZeile 2 – ünïcödé 😀'],
  ]);
  assert.deepEqual(read.truncated, []);
  assert.deepEqual(
    files.map(({ name, field, type, bytes, truncated }) => [name, field, type, [...bytes], truncated]),
    [
      ['eins.txt', 'files', 'text/plain', [...Buffer.from('first file')], false],
      ['Bericht März.bin', 'files', 'application/octet-stream', [0, 1, 2, 255], false],
    ],
  );
});

test('a file over the limit ends one byte past it, marked truncated; the fields after it still arrive', async () => {
  const form = new FormData();
  form.append('files', new File([new Uint8Array(5000)], 'big.log'));
  form.append('body', 'after the file');
  let seen: Awaited<ReturnType<typeof collect>> | undefined;
  const read = await readForm(await post(form, { chunk: 512 }), { maxFileBytes: 1000, maxFiles: 10, onFile: async (file) => void (seen = await collect(file)) });
  assert.equal(seen?.bytes.length, 1001);
  assert.equal(seen?.truncated, true);
  assert.deepEqual(read.fields, [['body', 'after the file']]);
});

test('a file the handler does not want is skipped without stopping the form', async () => {
  const form = new FormData();
  form.append('files', new File(['x'.repeat(3000)], 'skip.me'));
  form.append('body', 'still read');
  const read = await readForm(await post(form), { maxFileBytes: 100, maxFiles: 10, onFile: (file) => void file.stream.resume() });
  assert.deepEqual(read.fields, [['body', 'still read']]);
});

test('urlencoded forms are read too; something else is refused with a code', async () => {
  const encoded = new Request('http://portal.test/x', { method: 'POST', body: new URLSearchParams({ body: 'a & b' }) });
  assert.deepEqual((await readForm(encoded, { maxFileBytes: 1, maxFiles: 1, onFile: () => {} })).fields, [['body', 'a & b']]);
  const json = new Request('http://portal.test/x', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  await assert.rejects(readForm(json, { maxFileBytes: 1, maxFiles: 1, onFile: () => {} }), FormReadError);
});
