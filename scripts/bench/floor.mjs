#!/usr/bin/env node
// The benchmark's floor: the least a server can do for the same pages. A bare node:http server for
// one signed-in customer that makes the portal's one help desk call per page (the same classic XML
// API, the same credentials, the same XML parser) and prints the same rows as plain HTML; writes
// take a urlencoded form and answer 303 as the portal does. No framework, no session sealing, no
// CSP, no i18n, no React: what is left is the help desk round trip, so the portal/floor ratio is
// what the portal's own machinery costs.
//
// Settings (environment): FLOOR_PORT, HELPDESK_URL, FLOOR_EMAIL and FLOOR_PASSWORD (the customer),
// FLOOR_COOKIE (the one "session": a request without `floor=<it>` gets a 401).
import { XMLParser } from 'fast-xml-parser';
import { createServer } from 'node:http';

const { FLOOR_PORT, HELPDESK_URL, FLOOR_EMAIL, FLOOR_PASSWORD, FLOOR_COOKIE } = process.env;
const authorization = `Basic ${Buffer.from(`${FLOOR_EMAIL}:${FLOOR_PASSWORD}`).toString('base64')}`;
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'ticket' || name === 'comment' });
const html = (text) => String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const STATUS = { 0: 'New', 1: 'Open', 2: 'Pending', 3: 'Solved', 4: 'Closed' };

async function helpdesk(method, path, body) {
  const res = await fetch(`${HELPDESK_URL}${path}`, {
    method,
    body,
    headers: { authorization, accept: 'application/xml', ...(body ? { 'content-type': 'application/xml' } : {}) },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`help desk ${method} ${path}: ${res.status}`);
  return { res, text };
}

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head><body><main>${body}</main></body></html>`;

async function list() {
  const { text } = await helpdesk('GET', '/requests.xml?page=1');
  const tickets = parser.parse(text).tickets?.ticket ?? [];
  const rows = tickets.map(
    (t) =>
      `<li><a href="/requests/${html(t['nice-id'])}">${html(t.subject)}</a> <span>${STATUS[t['status-id']] ?? ''}</span> <time datetime="${html(t['updated-at'])}">${html(t['updated-at'])}</time></li>`,
  );
  return page('My requests', `<h1>My requests</h1><ol>${rows.join('')}</ol>`);
}

async function request(id) {
  const { text } = await helpdesk('GET', `/requests/${id}.xml`);
  const t = parser.parse(text).ticket;
  const names = new Map((t.users?.user ?? []).map((u) => [String(u.id), u.name]));
  const comments = (t.comments?.comment ?? []).map(
    (c) => `<li><p>${html(names.get(String(c['author-id'])) ?? '')} <time>${html(c['created-at'])}</time></p><p>${html(c.value)}</p></li>`,
  );
  return page(t.subject, `<h1>${html(t.subject)}</h1><p>${STATUS[t['status-id']] ?? ''}</p><ol>${comments.join('')}</ol>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function create(req) {
  const form = await readForm(req);
  const { res } = await helpdesk('POST', '/requests.xml', `<ticket><subject>${xml(form.get('subject') ?? '')}</subject><description>${xml(form.get('description') ?? '')}</description></ticket>`);
  return `/requests/${/(\d+)(?:\.xml)?$/.exec(res.headers.get('location') ?? '')?.[1]}?created=1`;
}

async function reply(req, id) {
  const form = await readForm(req);
  await helpdesk('PUT', `/requests/${id}.xml`, `<comment><value>${xml(form.get('body') ?? '')}</value></comment>`);
  return `/requests/${id}?replied=1`;
}

createServer(async (req, res) => {
  try {
    const path = req.url.split('?')[0];
    if (path === '/healthz') return res.end('ok');
    if (!(req.headers.cookie ?? '').split(/;\s*/).includes(`floor=${FLOOR_COOKIE}`)) {
      res.writeHead(401).end();
      return;
    }
    const id = /^\/requests\/(\d+)$/.exec(path)?.[1];
    if (req.method === 'GET' && (path === '/requests' || id)) {
      const body = id ? await request(id) : await list();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    } else if (req.method === 'POST' && (path === '/requests' || id)) {
      res.writeHead(303, { location: id ? await reply(req, id) : await create(req) }).end();
    } else {
      res.writeHead(404).end();
    }
  } catch (error) {
    res.writeHead(502).end(String(error.message));
  }
}).listen(Number(FLOOR_PORT), '127.0.0.1');
