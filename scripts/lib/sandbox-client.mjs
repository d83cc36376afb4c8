// The one client of the sandbox help desk's agent/admin API and its control API (/_sandbox/…), for
// everything that arranges or checks data behind the portal's back: the e2e specs
// (e2e/sandbox-admin.ts binds it to the suite's sandbox), the load test, the attachment
// measurement and the server tests. Everything goes through the sandbox's real HTTP API
// (sandbox/README.md); staff calls are made as the sandbox admin.
//
//   const sandbox = sandboxClient('http://127.0.0.1:4080');
//   const user = await sandbox.createEndUser('customer');          // a fresh end user
//   const id = await sandbox.createRequest(user, 'Subject', 'Text');
//   await sandbox.fault({ route: 'GET /requests', user, kind: 'delay', ms: 2_000 });
//   await sandbox.waitForCalls('GET /requests', { user });         // the portal's call is in flight
import { XMLParser } from 'fast-xml-parser';

/** The admin every sandbox started by this repository's tooling has (scripts/lib/servers.mjs). */
export const SANDBOX_ADMIN = { email: 'admin@example.com', password: 'admin-password' };

/**
 * @typedef {{ id: string, name: string, email: string, password: string }} EndUser
 * @typedef {{ name: string, type: string, bytes: Uint8Array }} SandboxFile  a file to put on the help desk: name, media type, bytes
 * @typedef {{ id: string, fileName: string, contentType: string, size: number }} SandboxAttachment  a file on a comment, as the help desk holds it
 * @typedef {{ body: string, isPublic: boolean, authorId: string, attachments: SandboxAttachment[] }} SandboxComment  a comment as an agent sees it: internal notes included
 * @typedef {{ id: string, subject: string, comments: string[] }} OwnRequest  a request as its requester sees it, with its public comments' texts
 * @typedef {'delay' | 'slow' | 'status' | 'malformed' | 'html' | 'drop'} FaultKind
 * @typedef {{ route: string, user?: { email: string }, kind: FaultKind, ms?: number, status?: number, retryAfter?: number, times?: number }} FaultRule
 */

const TYPE_IDS = { question: 1, incident: 2, problem: 3, task: 4 };
const PRIORITY_IDS = { low: 1, normal: 2, high: 3, urgent: 4 };
const STATUS_IDS = { open: 1, pending: 2, solved: 3, closed: 4 };

const basic = (email, password) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const uploadsXml = (tokens) => (tokens.length > 0 ? `<uploads>${tokens.join(' ')}</uploads>` : '');
const idIn = (xml) => /<id[^>]*>(\d+)<\/id>/.exec(xml)?.[1];
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name) => name === 'ticket' || name === 'comment' });

let counter = 0;
const unique = () => `${Date.now().toString(36)}${process.pid}${(counter++).toString(36)}`;

/**
 * A client of the sandbox at `url`, acting as `admin` for staff calls.
 * @param {string} url
 * @param {{ email: string, password: string }} [admin]
 */
export function sandboxClient(url, admin = SANDBOX_ADMIN) {
  const base = url.replace(/\/+$/, '');
  const adminAuth = basic(admin.email, admin.password);

  /** @returns {Promise<{ res: Response, text: string }>} */
  async function call(method, path, body, headers = {}) {
    const res = await fetch(`${base}${path}`, {
      method,
      // A copy on its own ArrayBuffer, as fetch's types want (a Buffer may be a view into a shared pool).
      body: body instanceof Uint8Array ? new Uint8Array(body) : body,
      headers: { Authorization: adminAuth, ...(body && !headers['Content-Type'] ? { 'Content-Type': 'application/xml' } : {}), ...headers },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return { res, text };
  }
  const as = (user) => ({ Authorization: basic(user.email, user.password) });
  const userQuery = (user) => (user ? `?user=${encodeURIComponent(user.email)}` : '');

  /** Uploads files (classic POST /uploads.xml) with the given Authorization; the tokens to attach them with. */
  async function upload(files, authorization) {
    const tokens = [];
    for (const file of files) {
      const { text } = await call('POST', `/uploads.xml?filename=${encodeURIComponent(file.name)}`, file.bytes, { Authorization: authorization, 'Content-Type': file.type });
      const token = /<token>([^<]+)<\/token>/.exec(text)?.[1];
      if (!token) throw new Error(`sandbox took an upload but sent no token: ${text}`);
      tokens.push(token);
    }
    return tokens;
  }

  async function createUser(user, roles) {
    const { text } = await call('POST', '/users.xml', `<user><name>${escapeXml(user.name)}</name><email>${escapeXml(user.email)}</email><password>${escapeXml(user.password)}</password><roles>${roles}</roles></user>`);
    const id = idIn(text);
    if (!id) throw new Error(`sandbox created a user but sent no id: ${text}`);
    return { ...user, id };
  }

  const client = {
    url: base,

    /**
     * A new end user: given as `{ name, email, password }`, or made up from a label (unique email
     * `<label>-…@example.com`). The sandbox hashes the password with scrypt: ~50 ms each.
     * @param {string | { name: string, email: string, password: string }} [who]
     * @returns {Promise<EndUser>}
     */
    async createEndUser(who = 'customer') {
      if (typeof who === 'object') return createUser(who, 0);
      const u = unique();
      return createUser({ name: `${who[0].toUpperCase()}${who.slice(1)} ${u}`, email: `${who}-${u}@example.com`, password: `pw-${u}-secret` }, 0);
    },

    /** A support agent (roles 2) with a name of the test's choosing, who can sign in to the API. @returns {Promise<EndUser>} */
    async createAgent(name) {
      const u = unique();
      return createUser({ name, email: `agent-${u}@example.com`, password: `pw-${u}-secret` }, 2);
    },

    /**
     * Creates a request as the end user, through the same endpoint the portal uses, with files on
     * its first comment if given; its id.
     * @param {EndUser} user @param {string} subject @param {string} description @param {SandboxFile[]} [files]
     * @returns {Promise<string>}
     */
    async createRequest(user, subject, description, files = []) {
      const tokens = await upload(files, as(user).Authorization);
      const { res } = await call('POST', '/requests.xml', `<ticket><subject>${escapeXml(subject)}</subject><description>${escapeXml(description)}</description>${uploadsXml(tokens)}</ticket>`, as(user));
      if (res.status !== 201) throw new Error(`creating a request answered ${res.status}`);
      const id = /(\d+)(?:\.xml)?$/.exec(res.headers.get('location') ?? '')?.[1];
      if (!id) throw new Error('no Location on the created request');
      return id;
    },

    /** A public comment on one of the user's own requests, made as the user (PUT /requests/{id}.xml, as the portal replies). @param {EndUser} user @param {string} id @param {string} text */
    async addCommentAs(user, id, text) {
      await call('PUT', `/requests/${id}.xml`, `<comment><value>${escapeXml(text)}</value></comment>`, as(user));
    },

    /** Every request the user has (open and solved, all pages) with its public comments, as the user sees them. @returns {Promise<OwnRequest[]>} */
    async requestsOf(user) {
      const found = [];
      for (const status of ['open', 'solved']) {
        for (let page = 1; ; page++) {
          const query = new URLSearchParams({ page: String(page), ...(status === 'solved' ? { status } : {}) });
          const { text } = await call('GET', `/requests.xml?${query}`, undefined, as(user));
          const tickets = parser.parse(text).tickets?.ticket ?? [];
          for (const t of tickets) found.push({ id: String(t['nice-id']), subject: String(t.subject ?? ''), comments: (t.comments?.comment ?? []).map((c) => String(c.value ?? '')) });
          if (tickets.length < 15) break;
        }
      }
      return found;
    },

    /** The agent's full view of a ticket: raw XML, with everything an end user must not see. @returns {Promise<string>} */
    async ticketXml(id) {
      return (await call('GET', `/tickets/${id}.xml`)).text;
    },

    /** A public reply written by this agent (the agent's own API, as themselves). */
    async agentReply(agent, id, text) {
      await call('PUT', `/tickets/${id}.xml`, `<comment><is-public>true</is-public><value>${escapeXml(text)}</value></comment>`, as(agent));
    },

    /** A reply (public) or an internal note (not public) by the sandbox admin, with files if given. @param {SandboxFile[]} [files] */
    async agentComment(id, text, isPublic, files = []) {
      const tokens = await upload(files, adminAuth);
      await call('PUT', `/tickets/${id}.xml`, `<comment><is-public>${isPublic}</is-public><value>${escapeXml(text)}</value>${uploadsXml(tokens)}</comment>`);
    },

    async updateTicket(id, fieldsXml) {
      await call('PUT', `/tickets/${id}.xml`, `<ticket>${fieldsXml}</ticket>`);
    },

    /** @param {string} id @param {'open' | 'pending' | 'solved' | 'closed'} status */
    async setStatus(id, status) {
      await client.updateTicket(id, `<status-id>${STATUS_IDS[status]}</status-id>`);
    },

    /** The sandbox admin's user id (the staff member these helpers act as). @returns {Promise<string>} */
    async adminId() {
      const { text } = await call('GET', '/users/current.xml');
      const id = idIn(text);
      if (!id) throw new Error(`sandbox sent no id for the admin: ${text}`);
      return id;
    },

    /** Gives the ticket to a staff member (the admin by default), which lets its requester mark it solved; null unassigns. @param {string} id @param {string | null} [assigneeId] */
    async setAssignee(id, assigneeId) {
      const assignee = assigneeId === null ? '' : (assigneeId ?? (await client.adminId()));
      await client.updateTicket(id, `<assignee-id>${assignee}</assignee-id>`);
    },

    /** Type and priority, as the end user's details panel shows them. @param {string} id @param {{ type?: keyof typeof TYPE_IDS, priority?: keyof typeof PRIORITY_IDS }} details */
    async setDetails(id, details) {
      const type = details.type ? `<ticket-type-id>${TYPE_IDS[details.type]}</ticket-type-id>` : '';
      const priority = details.priority ? `<priority-id>${PRIORITY_IDS[details.priority]}</priority-id>` : '';
      await client.updateTicket(id, `${type}${priority}`);
    },

    /** Renames any user (the control API's PATCH /_sandbox/users/{id}). @param {string} userId @param {string} name */
    async setUserName(userId, name) {
      await call('PATCH', `/_sandbox/users/${userId}`, JSON.stringify({ name }), { 'Content-Type': 'application/json' });
    },

    /** Sets a user's photo (an image: PUT /_sandbox/users/{id}/photo), or removes it with null. @param {string} userId @param {SandboxFile | null} photo */
    async setUserPhoto(userId, photo) {
      if (photo === null) await call('DELETE', `/_sandbox/users/${userId}/photo`);
      else await call('PUT', `/_sandbox/users/${userId}/photo?filename=${encodeURIComponent(photo.name)}`, photo.bytes, { 'Content-Type': photo.type });
    },

    /** Every comment of the ticket as an agent sees it (internal notes too), with its files. @returns {Promise<SandboxComment[]>} */
    async comments(id) {
      const answer = JSON.parse((await call('GET', `/api/v2/tickets/${id}/comments.json`)).text);
      return answer.comments.map((c) => ({
        body: c.body,
        isPublic: c.public,
        authorId: String(c.author_id),
        attachments: c.attachments.map((a) => ({ id: String(a.id), fileName: a.file_name, contentType: a.content_type, size: a.size })),
      }));
    },

    /** A file's bytes and headers straight from the help desk (as the admin), to compare with what the portal served. @returns {Promise<{ contentType: string | null, bytes: Uint8Array }>} */
    async download(attachmentId) {
      const res = await fetch(`${base}/attachments/${attachmentId}`, { headers: { Authorization: adminAuth }, signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`sandbox GET /attachments/${attachmentId} answered ${res.status}`);
      return { contentType: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
    },

    /**
     * An organization (the control API's POST /_sandbox/organizations) with these users in it, made
     * before they sign in (the portal learns a customer's organization at sign-in). Their requests
     * made from now on are the organization's.
     * @param {{ id: string }[]} members @param {{ tickets: boolean, comments: boolean }} sharing @returns {Promise<string>}
     */
    async createOrganization(members, sharing) {
      const name = `Org ${unique()}`;
      const { text } = await call('POST', '/_sandbox/organizations', JSON.stringify({ name, shared_tickets: sharing.tickets, shared_comments: sharing.comments }), {
        'Content-Type': 'application/json',
      });
      const id = JSON.parse(text).organization?.id;
      if (!id) throw new Error(`sandbox made no organization: ${text}`);
      for (const member of members) {
        await call('PUT', `/_sandbox/users/${member.id}/organization`, JSON.stringify({ organization_id: id }), { 'Content-Type': 'application/json' });
      }
      return String(id);
    },

    /**
     * The mail the sandbox's SMTP server received for `to`, newest first (the outbox API, sandbox/mail/).
     * @param {string} to @returns {Promise<import('../../sandbox/mail/outbox').OutboxMessage[]>}
     */
    async mailFor(to) {
      return JSON.parse((await call('GET', `/_sandbox/outbox.json?${new URLSearchParams({ to })}`)).text).messages;
    },

    /** Help desk calls made for this user (as themselves or on their behalf), or by everyone, since the last reset. @param {{ email: string }} [user] @returns {Promise<{ total: number, byRoute: Record<string, number> }>} */
    async calls(user) {
      return JSON.parse((await call('GET', `/_sandbox/calls${userQuery(user)}`)).text);
    },

    /** @param {{ email: string }} [user] */
    async resetCalls(user) {
      await call('DELETE', `/_sandbox/calls${userQuery(user)}`);
    },

    /** Resolves once the sandbox has seen `count` calls of `route` (for `user`, if given): e.g. the portal's call is in flight. */
    async waitForCalls(route, { user, count = 1, timeoutMs = 5_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (((await client.calls(user)).byRoute[route] ?? 0) >= count) return;
        if (Date.now() > deadline) throw new Error(`${count} × ${route} never reached the sandbox`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    /** Makes the sandbox misbehave: for this user's calls only when `user` is given, so parallel tests don't interfere. @param {FaultRule} rule @returns {Promise<{ id: string }>} */
    async fault(rule) {
      const { user, ...rest } = rule;
      const { text } = await call('POST', '/_sandbox/faults', JSON.stringify({ ...rest, ...(user ? { user: user.email } : {}) }), { 'Content-Type': 'application/json' });
      return JSON.parse(text);
    },

    async clearFault(id) {
      await call('DELETE', `/_sandbox/faults/${id}`);
    },
  };
  return client;
}
