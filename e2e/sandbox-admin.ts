import { SANDBOX_ADMIN, SANDBOX_URL } from './ports';

/**
 * The e2e suite's hands on the sandbox help desk: the agent/admin API to arrange data the portal
 * cannot (other users, agent replies, internal notes, status changes), plus its fault injection
 * and call counter. Everything goes through the sandbox's real HTTP API.
 */
export interface EndUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const ADMIN_AUTH = basic(SANDBOX_ADMIN.email, SANDBOX_ADMIN.password);

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

async function call(method: string, path: string, body?: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
  const res = await fetch(`${SANDBOX_URL}${path}`, {
    method,
    body,
    headers: { Authorization: ADMIN_AUTH, ...(body && !headers['Content-Type'] ? { 'Content-Type': 'application/xml' } : {}), ...headers },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text}`);
  return { res, text };
}

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

  /** Creates a request as the end user, through the same endpoint the portal uses. */
  async createRequest(user: EndUser, subject: string, description: string): Promise<string> {
    const res = await fetch(`${SANDBOX_URL}/requests.xml`, {
      method: 'POST',
      headers: { Authorization: basic(user.email, user.password), 'Content-Type': 'application/xml' },
      body: `<ticket><subject>${escapeXml(subject)}</subject><description>${escapeXml(description)}</description></ticket>`,
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

  /** Assigns the request to an agent: the help desk lets a customer solve only an assigned request. */
  async assign(id: string, agent: Pick<EndUser, 'id'>): Promise<void> {
    await this.updateTicket(id, `<assignee-id>${agent.id}</assignee-id>`);
  },

  /** Gives someone a photo (the sandbox's control API), shown beside their comments. */
  async setPhoto(user: Pick<EndUser, 'id'>, image: Buffer, contentType: string, fileName = 'photo.png'): Promise<void> {
    await call('PUT', `/_sandbox/users/${user.id}/photo?filename=${encodeURIComponent(fileName)}`, new Uint8Array(image), { 'Content-Type': contentType });
  },

  async agentComment(id: string, text: string, isPublic: boolean): Promise<void> {
    await call('PUT', `/tickets/${id}.xml`, `<comment><is-public>${isPublic}</is-public><value>${escapeXml(text)}</value></comment>`);
  },

  async updateTicket(id: string, fieldsXml: string): Promise<void> {
    await call('PUT', `/tickets/${id}.xml`, `<ticket>${fieldsXml}</ticket>`);
  },

  async setStatus(id: string, status: 'open' | 'pending' | 'solved' | 'closed'): Promise<void> {
    const ids = { open: 1, pending: 2, solved: 3, closed: 4 } as const;
    await this.updateTicket(id, `<status-id>${ids[status]}</status-id>`);
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
