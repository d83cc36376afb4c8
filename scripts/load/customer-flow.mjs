// One virtual customer's loop through the portal, as autocannon requests: list their requests,
// open one, reply to it, open the new-request form, create a request, and land on its
// confirmation. Every write is made the no-JavaScript way (GET the form, POST all its fields back),
// carries a unique marker in its text, and is reported to the ledger with the portal's answer.
import { CookieJar, encodeMultipart, fillForm, readForm } from './no-js-browser.mjs';

const lower = (headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/**
 * @param customer { user, jar, requestIds: string[] } one signed-in user; requestIds grows as they
 *                 create, and lastStep names the step last answered (for its timing)
 * @param ledger   the run's record of steps and writes (./ledger.mjs)
 * @param baseUrl  the portal, to resolve form actions against
 */
export function customerFlow(customer, ledger, baseUrl) {
  const { user, jar } = customer;
  const headers = () => ({ cookie: jar.header(), accept: 'text/html' });

  const get = (step, pathFor, check) => ({
    method: 'GET',
    setupRequest(req, ctx) {
      const path = pathFor(ctx);
      if (!path) return ledger.unprepared(step);
      return { ...req, method: 'GET', path, headers: headers(), body: undefined };
    },
    onResponse(status, body, ctx, rawHeaders) {
      customer.lastStep = step;
      const h = lower(rawHeaders);
      jar.update(h['set-cookie']);
      const problem = status === 200 ? check(body, ctx) : `status ${status}${h.location ? ` to ${h.location}` : ''}`;
      ledger.answered(step, problem);
    },
  });

  const post = (step, kind, prepare, acknowledged) => ({
    method: 'POST',
    setupRequest(req, ctx) {
      const prepared = prepare(ctx);
      if (!prepared) return ledger.unprepared(step);
      const { form, typed, target } = prepared;
      const marker = ledger.sent(kind, user, target);
      const { body, contentType } = encodeMultipart(fillForm(form, typed(marker)));
      ctx.marker = marker;
      // Browsers send Origin with every form post; Next checks it against Host for server actions.
      return { ...req, method: 'POST', path: form.action, headers: { ...headers(), origin: baseUrl, 'content-type': contentType }, body };
    },
    onResponse(status, _body, ctx, rawHeaders) {
      customer.lastStep = step;
      const h = lower(rawHeaders);
      jar.update(h['set-cookie']);
      const id = status === 303 ? acknowledged(String(h.location ?? ''), ctx) : null;
      ledger.writeAnswered(ctx.marker, id, id ? null : `status ${status}${h.location ? ` to ${h.location}` : ''}`);
      ledger.answered(step, id ? null : `not acknowledged (status ${status})`);
    },
  });

  return [
    get('list', () => '/requests', (body) => (body.includes('My requests') ? null : 'no request list')),
    get(
      'open',
      (ctx) => (ctx.openId = pick(customer.requestIds)) && `/requests/${ctx.openId}`,
      (body, ctx) => {
        ctx.replyForm = readForm(body, 'body', `${baseUrl}/requests/${ctx.openId}`);
        return ctx.replyForm ? null : 'no reply form';
      },
    ),
    post(
      'reply',
      'comment',
      (ctx) => ctx.replyForm && { form: ctx.replyForm, target: ctx.openId, typed: (marker) => ({ body: `A reply from the load test. ${marker}` }) },
      (location, ctx) => (new RegExp(`^/requests/${ctx.openId}\\?replied=1`).test(location) ? ctx.openId : null),
    ),
    get('new-form', () => '/requests/new', (body, ctx) => {
      ctx.newForm = readForm(body, 'description', `${baseUrl}/requests/new`);
      return ctx.newForm ? null : 'no new-request form';
    }),
    post(
      'create',
      'request',
      (ctx) =>
        ctx.newForm && {
          form: ctx.newForm,
          target: null,
          typed: (marker) => ({ subject: `Load test ${marker}`, description: `Made by the load test.\n${marker}` }),
        },
      (location, ctx) => {
        const id = /^\/requests\/(\d+)\?created=1/.exec(location)?.[1] ?? null;
        if (id) {
          customer.requestIds.push(id);
          ctx.created = location;
        }
        return id;
      },
    ),
    get('confirmation', (ctx) => ctx.created, (body) => (body.includes('was submitted') ? null : 'no confirmation')),
  ];
}

/** Signs `user` in through the real login form, the no-JS way; resolves to their cookies. */
export async function signIn(baseUrl, user) {
  const jar = new CookieJar();
  const page = await fetch(`${baseUrl}/login`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(30_000) });
  jar.update(page.headers.getSetCookie());
  const form = readForm(await page.text(), 'password', `${baseUrl}/login`);
  if (!form) throw new Error(`GET /login answered ${page.status} without a sign-in form`);
  const { body, contentType } = encodeMultipart(fillForm(form, { email: user.email, password: user.password }));
  const res = await fetch(`${baseUrl}${form.action}`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, cookie: jar.header(), accept: 'text/html', origin: baseUrl },
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  await res.body?.cancel();
  jar.update(res.headers.getSetCookie());
  if (res.status !== 303) throw new Error(`signing in answered ${res.status}, not a redirect`);
  return jar;
}
