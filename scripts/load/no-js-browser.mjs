// What a browser without JavaScript does, for the load test: read a server-rendered form and post
// it back with every named input (hidden ones included: Next's action fields, one-time tokens) as
// it came plus what the "user" typed, as multipart/form-data; and keep the cookies it is given.
import { randomBytes } from 'node:crypto';

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (text) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return entities[name.toLowerCase()] ?? match;
  });

function attributes(tag) {
  const found = {};
  for (const [, name, , quoted, bare] of tag.matchAll(/([^\s"'<>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    found[name.toLowerCase()] = decode(quoted ?? bare ?? '');
  }
  return found;
}

/**
 * The first form on the page that has a field named `fieldName`, as `{ action, fields }`; `action`
 * is resolved against `pageUrl` (React renders `action=""` for a server action, or the permalink the
 * form gave `useActionState` (app/ui/forms/use-form-state.ts): either way, the page it is on).
 * Null when there is no such form (an error page, a sign-in redirect).
 */
export function readForm(html, fieldName, pageUrl) {
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields = [];
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/gi)) {
      const a = attributes(tag.slice(6, -1));
      if (!a.name || ['submit', 'button', 'image', 'file', 'reset'].includes(a.type)) continue;
      if ((a.type === 'checkbox' || a.type === 'radio') && !('checked' in a)) continue;
      fields.push([a.name, a.value ?? '']);
    }
    for (const [, open2, text] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(open2);
      if (a.name) fields.push([a.name, decode(text.replace(/^\n/, ''))]);
    }
    if (!fields.some(([name]) => name === fieldName)) continue;
    const target = new URL(attributes(open).action || '', pageUrl);
    return { action: target.pathname + target.search, fields };
  }
  return null;
}

/** The form's fields with `typed` filled in (replacing what the page pre-filled). */
export function fillForm(form, typed) {
  const fields = form.fields.filter(([name]) => !(name in typed));
  return [...fields, ...Object.entries(typed)];
}

/** multipart/form-data, as browsers send forms whose action is a server action. */
export function encodeMultipart(fields) {
  const boundary = `----portico-load-${randomBytes(12).toString('hex')}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${value}\r\n`,
  );
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The cookies one signed-in user holds: whatever the portal sets (the session, and any other cookie
 * it may add later), updated from every response, sent with every request.
 */
export class CookieJar {
  #cookies = new Map();

  /** `setCookie`: one header value, or several (an array), as Node and autocannon report them. */
  update(setCookie) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a)) || attrs.some((a) => /^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  has(name) {
    return this.#cookies.has(name);
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
