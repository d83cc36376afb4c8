import type { APIRequestContext } from '@playwright/test';
import type { TestFile } from './fixtures';
import type { SandboxFile } from './sandbox-admin';

/**
 * Files the attachment specs send, each with distinct bytes so a mix-up shows, and how they come
 * back: downloaded through the portal with the page's own cookies.
 */

/** A real 2×2 PNG, so the thumbnail is a picture the browser decodes, not just a request. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==',
  'base64',
);

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${process.pid}-${counter++}`;

export const files = {
  image: (name = 'screenshot.png'): TestFile => ({ name, mimeType: 'image/png', buffer: PNG }),
  text: (name = 'printer.log', text = `Paper jam in tray 2, ${unique()}\nÜmlauts and 😀 stay as they are.\n`): TestFile => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) }),
  binary: (name = 'report.bin', size = 300_000): TestFile => {
    const buffer = Buffer.alloc(size);
    for (let i = 0; i < size; i++) buffer[i] = (i * 31 + counter) & 0xff;
    counter++;
    return { name, mimeType: 'application/octet-stream', buffer };
  },
  html: (name = 'page.html'): TestFile => ({
    name,
    mimeType: 'text/html',
    buffer: Buffer.from(`<!doctype html><title>Hi</title><script>document.title = 'ran'; parent.document.title = 'ran'</script><p>An HTML file ${unique()}</p>`),
  }),
  svg: (name = 'drawing.svg'): TestFile => ({
    name,
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="document.title='ran'"><script>document.title = 'ran'</script><text y="20">${unique()}</text></svg>`),
  }),
  program: (name = 'setup.exe'): TestFile => ({ name, mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not really a program') }),
  /** 21 MB: over the 20 MiB limit. */
  tooLarge: (name = 'huge.zip'): TestFile => ({ name, mimeType: 'application/zip', buffer: Buffer.alloc(21 * 1000 * 1000, 7) }),
};

/** The bytes and headers of a download through the portal, as the signed-in page would get them. */
export async function download(request: APIRequestContext, href: string) {
  const answer = await request.get(href, { maxRedirects: 0, failOnStatusCode: false });
  return { status: answer.status(), headers: answer.headers(), body: await answer.body() };
}

/** A test file as the sandbox's own client takes it (e2e/sandbox-admin.ts). */
export const forSandbox = (file: TestFile): SandboxFile => ({ name: file.name, type: file.mimeType, bytes: new Uint8Array(file.buffer) });
