// The load test's hands on the sandbox help desk, through its real HTTP API: create the virtual
// customers, give each a first request, and afterwards read back everything they own.
import { XMLParser } from 'fast-xml-parser';

const basic = (email, password) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'ticket' || name === 'comment',
});

export class SandboxApi {
  constructor(url, admin) {
    this.url = url.replace(/\/+$/, '');
    this.admin = admin;
  }

  async #call(method, path, { as = this.admin, body } = {}) {
    const res = await fetch(`${this.url}${path}`, {
      method,
      body,
      headers: { Authorization: basic(as.email, as.password), ...(body ? { 'Content-Type': 'application/xml' } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return { res, text };
  }

  /** A new end user (the sandbox hashes the password with scrypt: ~50 ms each). */
  async createEndUser({ name, email, password }) {
    const body = `<user><name>${escapeXml(name)}</name><email>${email}</email><password>${escapeXml(password)}</password><roles>0</roles></user>`;
    const { text } = await this.#call('POST', '/users.xml', { body });
    const id = /<id[^>]*>(\d+)<\/id>/.exec(text)?.[1];
    if (!id) throw new Error(`the sandbox created a user but sent no id: ${text.slice(0, 200)}`);
    return { id, name, email, password };
  }

  /** A request made directly as the user, so every virtual customer has one to open and reply to. */
  async createRequestAs(user, subject, description) {
    const body = `<ticket><subject>${escapeXml(subject)}</subject><description>${escapeXml(description)}</description></ticket>`;
    const { res } = await this.#call('POST', '/requests.xml', { as: user, body });
    const id = /(\d+)(?:\.xml)?$/.exec(res.headers.get('location') ?? '')?.[1];
    if (!id) throw new Error('the sandbox created a request without a Location');
    return id;
  }

  /** A public comment on one of the user's requests, made as the user (PUT /requests/{id}.xml). */
  async addCommentAs(user, id, text) {
    await this.#call('PUT', `/requests/${id}.xml`, { as: user, body: `<comment><value>${escapeXml(text)}</value></comment>` });
  }

  /** The help desk API calls the sandbox counted for `email` since the last reset (its /_sandbox/calls). */
  async callsOf(email) {
    const { text } = await this.#call('GET', `/_sandbox/calls?user=${encodeURIComponent(email)}`);
    return JSON.parse(text).total;
  }

  /** Starts `email`'s call count afresh. */
  async resetCallsOf(email) {
    await this.#call('DELETE', `/_sandbox/calls?user=${encodeURIComponent(email)}`);
  }

  /** Every request the user has (open and solved, all pages) with its public comments, as the user sees them. */
  async requestsOf(user) {
    const found = [];
    for (const status of ['open', 'solved']) {
      for (let page = 1; ; page++) {
        const query = new URLSearchParams({ page: String(page), ...(status === 'solved' ? { status } : {}) });
        const { text } = await this.#call('GET', `/requests.xml?${query}`, { as: user });
        const tickets = parser.parse(text).tickets?.ticket ?? [];
        for (const t of tickets) {
          found.push({
            id: String(t['nice-id']),
            subject: String(t.subject ?? ''),
            comments: (t.comments?.comment ?? []).map((c) => String(c.value ?? '')),
          });
        }
        if (tickets.length < 15) break;
      }
    }
    return found;
  }
}
