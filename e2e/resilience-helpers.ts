import type { APIRequestContext } from '@playwright/test';
import { PORTAL_URL, SANDBOX_ADMIN, SANDBOX_URL } from './ports';
import type { EndUser } from './sandbox-admin';
import { sandbox } from './sandbox-admin';

/**
 * What the resilience and attack specs need beyond the shared fixtures: a look at what the help
 * desk really holds (to prove nothing was created twice), and hand-made form posts (a double
 * submit, a replayed post, a cross-origin or oversized one) that a browser page cannot make.
 */

const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** The user's open requests as the help desk holds them, asked directly (not through the portal). */
export async function helpdeskRequestsOf(user: EndUser, baseUrl = SANDBOX_URL): Promise<{ id: string; subject: string }[]> {
  const res = await fetch(`${baseUrl}/requests.xml`, { headers: { Authorization: `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}` } });
  if (!res.ok) throw new Error(`listing ${user.email}'s requests answered ${res.status}`);
  const xml = await res.text();
  return [...xml.matchAll(/<ticket>([\s\S]*?)<\/ticket>/g)].map((m) => ({
    id: /<nice-id[^>]*>(\d+)<\/nice-id>/.exec(m[1]!)?.[1] ?? '',
    subject: unescapeXml(/<subject[^>]*>([\s\S]*?)<\/subject>/.exec(m[1]!)?.[1] ?? ''),
  }));
}

/** How many of the user's requests carry this subject: after any mishap, exactly one. */
export async function countRequests(user: EndUser, subject: string, baseUrl = SANDBOX_URL): Promise<number> {
  return (await helpdeskRequestsOf(user, baseUrl)).filter((r) => r.subject === subject).length;
}

/** How many comments on a request have exactly this text (the agent's full view). */
export async function countComments(requestId: string, body: string, baseUrl = SANDBOX_URL): Promise<number> {
  const xml = baseUrl === SANDBOX_URL ? await sandbox.ticketXml(requestId) : await (await fetch(`${baseUrl}/tickets/${requestId}.xml`, { headers: { Authorization: adminAuth() } })).text();
  return [...xml.matchAll(/<value>([\s\S]*?)<\/value>/g)].filter((m) => unescapeXml(m[1]!) === body).length;
}

/**
 * The hidden fields of the form holding `fieldName` in a server-rendered page: Next's action
 * reference and key, the form token, the request id. Posting them with the visible fields is
 * exactly what a browser without JavaScript sends.
 */
export function hiddenFields(html: string, fieldName: string | RegExp): Record<string, string> {
  const has = (form: string) => (typeof fieldName === 'string' ? form.includes(`name="${fieldName}"`) : fieldName.test(form));
  const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]).find(has);
  if (!form) throw new Error(`no form with a ${String(fieldName)} field on the page`);
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = input[0];
    if (!/type="hidden"/.test(tag)) continue;
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    if (name) fields[unescapeXml(name)] = unescapeXml(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  return fields;
}

/** Posts a form the way a browser without JavaScript does: multipart, following no redirect. */
export async function postForm(request: APIRequestContext, url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return request.post(url, { multipart: fields, headers, maxRedirects: 0, failOnStatusCode: false });
}

/** Where a server action's redirect points, from a no-JavaScript post's 303. */
export function redirectedTo(response: { status: () => number; headers: () => Record<string, string> }): string | null {
  return response.status() === 303 ? (response.headers()['location'] ?? null) : null;
}

/**
 * Signs in with one form post instead of driving the page: for tests whose subject is not sign-in
 * itself. The session cookie lands in the page's context, exactly as if the form had been used.
 */
export async function signInQuickly(request: APIRequestContext, user: { email: string; password: string }, portalUrl = PORTAL_URL): Promise<void> {
  const html = await (await request.get(`${portalUrl}/login`)).text();
  const answer = await postForm(request, `${portalUrl}/login`, { ...hiddenFields(html, 'email'), email: user.email, password: user.password }, { Origin: portalUrl });
  if (answer.status() !== 303) throw new Error(`signing in as ${user.email} answered ${answer.status()}`);
}

/** An end user with a name of the test's choosing (say, one that is an XSS payload). */
export async function createEndUserNamed(name: string, baseUrl = SANDBOX_URL): Promise<EndUser> {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const user = { name, email: `named-${unique}@example.com`, password: `pw-${unique}-secret` };
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const res = await fetch(`${baseUrl}/users.xml`, {
    method: 'POST',
    headers: { Authorization: adminAuth(), 'Content-Type': 'application/xml' },
    body: `<user><name>${escape(name)}</name><email>${user.email}</email><password>${user.password}</password><roles>0</roles></user>`,
  });
  const text = await res.text();
  const id = /<id[^>]*>(\d+)<\/id>/.exec(text)?.[1];
  if (!res.ok || !id) throw new Error(`creating ${name} answered ${res.status}: ${text}`);
  return { ...user, id };
}

function adminAuth(): string {
  return `Basic ${Buffer.from(`${SANDBOX_ADMIN.email}:${SANDBOX_ADMIN.password}`).toString('base64')}`;
}
