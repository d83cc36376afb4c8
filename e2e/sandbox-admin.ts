import { SANDBOX_ADMIN, SANDBOX_URL } from './ports';

/**
 * The e2e suite's hands on the sandbox help desk: the agent/admin API to arrange data the portal
 * cannot (other users, agent replies and internal notes with files, assignees, statuses, names and
 * photos), reads of what the help desk holds (comments with their files, the files' bytes), plus
 * its fault injection and call counter. Everything goes through the sandbox's real HTTP API
 * (sandbox/README.md); staff calls are made as the sandbox admin.
 */
export interface EndUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** A file to put on the help desk: its name, media type and bytes. */
export interface SandboxFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** A file on a comment, as the help desk holds it. */
export interface SandboxAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A comment as an agent sees it: internal notes included. */
export interface SandboxComment {
  body: string;
  isPublic: boolean;
  authorId: string;
  attachments: SandboxAttachment[];
}

const TYPE_IDS = { question: 1, incident: 2, problem: 3, task: 4 } as const;
const PRIORITY_IDS = { low: 1, normal: 2, high: 3, urgent: 4 } as const;

const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const ADMIN_AUTH = basic(SANDBOX_ADMIN.email, SANDBOX_ADMIN.password);

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

async function call(method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    // A copy on its own ArrayBuffer, as fetch's types want (a Buffer may be a view into a shared pool).
    body: body instanceof Uint8Array ? new Uint8Array(body) : body,
    headers: { Authorization: ADMIN_AUTH, ...(body && !headers['Content-Type'] ? { 'Content-Type': 'application/xml' } : {}), ...headers },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text}`);
  return { res, text };
}

/** Uploads files (classic POST /uploads.xml) with the given Authorization; the tokens to attach them with. */
async function upload(files: SandboxFile[], authorization: string): Promise<string[]> {
  const tokens: string[] = [];
  for (const file of files) {
    const { text } = await call('POST', `/uploads.xml?filename=${encodeURIComponent(file.name)}`, file.bytes, { Authorization: authorization, 'Content-Type': file.type });
    const token = /<token>([^<]+)<\/token>/.exec(text)?.[1];
    if (!token) throw new Error(`sandbox took an upload but sent no token: ${text}`);
    tokens.push(token);
  }
  return tokens;
}

const uploadsXml = (tokens: string[]) => (tokens.length > 0 ? `<uploads>${tokens.join(' ')}</uploads>` : '');

let counter = 0;

export const sandbox = {
  async createEndUser(label = 'customer'): Promise<EndUser> {
    const unique = `${Date.now().toString(36)}${process.pid}${(counter++).toString(36)}`;
    const user = { name: `${label[0]!.toUpperCase()}${label.slice(1)} ${unique}`, email: `${label}-${unique}@example.com`, password: `pw-${unique}-secret` };
    const { text } = await call(
      'POST',
      '/users.xml',
      `<user><name>${escapeXml(user.name)}</name><email>${user.email}</email><password>${user.password}</password><roles>0</roles></user>`,
    );
    const id = /<id[^>]*>(\d+)<\/id>/.exec(text)?.[1];
    if (!id) throw new Error(`sandbox created a user but sent no id: ${text}`);
    return { ...user, id };
  },

  /** Creates a request as the end user, through the same endpoint the portal uses, with files on its first comment if given. */
  async createRequest(user: EndUser, subject: string, description: string, files: SandboxFile[] = []): Promise<string> {
    const tokens = await upload(files, basic(user.email, user.password));
    const res = await fetch(`${SANDBOX_URL}/requests.xml`, {
      method: 'POST',
      headers: { Authorization: basic(user.email, user.password), 'Content-Type': 'application/xml' },
      body: `<ticket><subject>${escapeXml(subject)}</subject><description>${escapeXml(description)}</description>${uploadsXml(tokens)}</ticket>`,
    });
    if (res.status !== 201) throw new Error(`creating a request answered ${res.status}: ${await res.text()}`);
    const id = /(\d+)\.xml$/.exec(res.headers.get('location') ?? '')?.[1];
    if (!id) throw new Error('no Location on the created request');
    return id;
  },

  /** The agent's full view of a ticket: raw XML, with everything an end user must not see. */
  async ticketXml(id: string): Promise<string> {
    return (await call('GET', `/tickets/${id}.xml`)).text;
  },

  /** A support agent (roles 2) with a name of the test's choosing, who can sign in to the API. */
  async createAgent(name: string): Promise<EndUser> {
    const unique = `${Date.now().toString(36)}${process.pid}${(counter++).toString(36)}`;
    const agent = { name, email: `agent-${unique}@example.com`, password: `pw-${unique}-secret` };
    const { text } = await call(
      'POST',
      '/users.xml',
      `<user><name>${escapeXml(name)}</name><email>${agent.email}</email><password>${agent.password}</password><roles>2</roles></user>`,
    );
    const id = /<id[^>]*>(\d+)<\/id>/.exec(text)?.[1];
    if (!id) throw new Error(`sandbox created an agent but sent no id: ${text}`);
    return { ...agent, id };
  },

  /** A public reply written by this agent (the agent's own API, as themselves). */
  async agentReply(agent: EndUser, id: string, text: string): Promise<void> {
    const res = await fetch(`${SANDBOX_URL}/tickets/${id}.xml`, {
      method: 'PUT',
      headers: { Authorization: basic(agent.email, agent.password), 'Content-Type': 'application/xml' },
      body: `<comment><is-public>true</is-public><value>${escapeXml(text)}</value></comment>`,
    });
    if (!res.ok) throw new Error(`${agent.email}'s reply answered ${res.status}: ${await res.text()}`);
  },

  /** A reply (public) or an internal note (not public) by the sandbox admin, with files if given. */
  async agentComment(id: string, text: string, isPublic: boolean, files: SandboxFile[] = []): Promise<void> {
    const tokens = await upload(files, ADMIN_AUTH);
    await call('PUT', `/tickets/${id}.xml`, `<comment><is-public>${isPublic}</is-public><value>${escapeXml(text)}</value>${uploadsXml(tokens)}</comment>`);
  },

  async updateTicket(id: string, fieldsXml: string): Promise<void> {
    await call('PUT', `/tickets/${id}.xml`, `<ticket>${fieldsXml}</ticket>`);
  },

  async setStatus(id: string, status: 'open' | 'pending' | 'solved' | 'closed'): Promise<void> {
    const ids = { open: 1, pending: 2, solved: 3, closed: 4 } as const;
    await this.updateTicket(id, `<status-id>${ids[status]}</status-id>`);
  },

  /** The sandbox admin's user id (the staff member these helpers act as). */
  async adminId(): Promise<string> {
    const { text } = await call('GET', '/users/current.xml');
    const id = /<id[^>]*>(\d+)<\/id>/.exec(text)?.[1];
    if (!id) throw new Error(`sandbox sent no id for the admin: ${text}`);
    return id;
  },

  /** Gives the ticket to a staff member (the admin by default), which lets its requester mark it solved; null unassigns. */
  async setAssignee(id: string, assigneeId?: string | null): Promise<void> {
    const assignee = assigneeId === null ? '' : (assigneeId ?? (await this.adminId()));
    await this.updateTicket(id, `<assignee-id>${assignee}</assignee-id>`);
  },

  /** Type and priority, as the end user's details panel shows them. */
  async setDetails(id: string, details: { type?: keyof typeof TYPE_IDS; priority?: keyof typeof PRIORITY_IDS }): Promise<void> {
    const type = details.type ? `<ticket-type-id>${TYPE_IDS[details.type]}</ticket-type-id>` : '';
    const priority = details.priority ? `<priority-id>${PRIORITY_IDS[details.priority]}</priority-id>` : '';
    await this.updateTicket(id, `${type}${priority}`);
  },

  /** Renames any user (the control API's PATCH /_sandbox/users/{id}): e.g. the admin, who answers as "Sandbox Admin". */
  async setUserName(userId: string, name: string): Promise<void> {
    await call('PATCH', `/_sandbox/users/${userId}`, JSON.stringify({ name }), { 'Content-Type': 'application/json' });
  },

  /** Sets a user's photo (an image: PUT /_sandbox/users/{id}/photo), or removes it with null. */
  async setUserPhoto(userId: string, photo: SandboxFile | null): Promise<void> {
    if (photo === null) await call('DELETE', `/_sandbox/users/${userId}/photo`);
    else await call('PUT', `/_sandbox/users/${userId}/photo?filename=${encodeURIComponent(photo.name)}`, photo.bytes, { 'Content-Type': photo.type });
  },

  /** Every comment of the ticket as an agent sees it (internal notes too), with its files. */
  async comments(id: string): Promise<SandboxComment[]> {
    const { text } = await call('GET', `/api/v2/tickets/${id}/comments.json`);
    const answer = JSON.parse(text) as {
      comments: { body: string; public: boolean; author_id: number; attachments: { id: number; file_name: string; content_type: string; size: number }[] }[];
    };
    return answer.comments.map((c) => ({
      body: c.body,
      isPublic: c.public,
      authorId: String(c.author_id),
      attachments: c.attachments.map((a) => ({ id: String(a.id), fileName: a.file_name, contentType: a.content_type, size: a.size })),
    }));
  },

  /** A file's bytes and headers straight from the help desk (as the admin), to compare with what the portal served. */
  async download(attachmentId: string): Promise<{ contentType: string | null; bytes: Uint8Array }> {
    const res = await fetch(`${SANDBOX_URL}/attachments/${attachmentId}`, { headers: { Authorization: ADMIN_AUTH } });
    if (!res.ok) throw new Error(`sandbox GET /attachments/${attachmentId} answered ${res.status}`);
    return { contentType: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
  },

  /**
   * An organization (the control API's POST /_sandbox/organizations) with these users in it, made
   * before they sign in (the portal learns a customer's organization at sign-in). Their requests
   * made from now on are the organization's.
   */
  async createOrganization(members: EndUser[], sharing: { tickets: boolean; comments: boolean }): Promise<string> {
    const name = `Org ${Date.now().toString(36)}${process.pid}${(counter++).toString(36)}`;
    const { text } = await call('POST', '/_sandbox/organizations', JSON.stringify({ name, shared_tickets: sharing.tickets, shared_comments: sharing.comments }), {
      'Content-Type': 'application/json',
    });
    const id = (JSON.parse(text) as { organization?: { id: number } }).organization?.id;
    if (!id) throw new Error(`sandbox made no organization: ${text}`);
    for (const member of members) {
      await call('PUT', `/_sandbox/users/${member.id}/organization`, JSON.stringify({ organization_id: id }), { 'Content-Type': 'application/json' });
    }
    return String(id);
  },

  /** Help desk calls made for this user (as themselves or on their behalf) since the last reset. */
  async calls(user: EndUser): Promise<{ total: number; byRoute: Record<string, number> }> {
    return JSON.parse((await call('GET', `/_sandbox/calls?user=${encodeURIComponent(user.email)}`)).text);
  },

  async resetCalls(user: EndUser): Promise<void> {
    await call('DELETE', `/_sandbox/calls?user=${encodeURIComponent(user.email)}`);
  },

  /** Makes the sandbox misbehave for this user's calls only, so parallel tests don't interfere. */
  async fault(rule: { route: string; user: EndUser; kind: 'delay' | 'slow' | 'status' | 'malformed' | 'html' | 'drop'; ms?: number; status?: number; retryAfter?: number; times?: number }) {
    const { user, ...rest } = rule;
    const { text } = await call('POST', '/_sandbox/faults', JSON.stringify({ ...rest, user: user.email }), { 'Content-Type': 'application/json' });
    return JSON.parse(text) as { id: string };
  },

  async clearFault(id: string): Promise<void> {
    await call('DELETE', `/_sandbox/faults/${id}`);
  },
};
