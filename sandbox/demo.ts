// Bootstrap (the admin and the Support group, on every start) and the demo
// set (on the first start of a database without tickets).
import { inTransaction, type SandboxContext } from './context';
import { fieldStore } from './store/fields';
import { STATUS, VIA_WEB_SERVICE } from './store/tickets';
import { hashPassword, ROLE, verifyPassword, type Role, type UserRow } from './store/users';

export const SUPPORT_GROUP = 'Support';

/** The demo's agent-only field value; tests check it never reaches an end user. */
export const DEMO_AGENT_ONLY_VALUE = 'Cost centre CC-4711 (facilities budget, do not disclose)';

/** Fixed demo accounts, listed in sandbox/README.md and printed at start. */
export const DEMO_USERS = {
  agent: { name: 'Ada Agent', email: 'agent@example.com', password: 'agent-password', roles: ROLE.agent },
  alice: { name: 'Alice Andersen', email: 'alice@example.com', password: 'alice-password', roles: ROLE.endUser },
  bob: { name: 'Bob Berg', email: 'bob@example.com', password: 'bob-password', roles: ROLE.endUser },
} as const;

/** Text of the demo's internal note; tests check it never reaches /requests. */
export const DEMO_INTERNAL_NOTE =
  'Internal note: facilities ticket FAC-2231 already covers this printer. Do not promise the customer a date.';

/** Makes sure the configured admin exists, is an admin, has the configured
 * password, and that the Support group exists with the admin in it. */
export async function ensureAdmin(ctx: SandboxContext, email: string, password: string): Promise<UserRow> {
  const existing = ctx.users.byEmail(email);
  const passwordOk = existing ? await verifyPassword(password, existing.password_hash) : false;
  const hash = passwordOk ? null : await hashPassword(password);
  return inTransaction(ctx, () => {
    let admin = existing;
    if (!admin) admin = ctx.users.create({ name: 'Sandbox Admin', email, passwordHash: hash, roles: ROLE.admin });
    else if (hash !== null || admin.roles !== ROLE.admin) ctx.users.setPassword(admin.id, hash ?? admin.password_hash!, ROLE.admin);
    ctx.users.addToGroup(ctx.users.ensureGroup(SUPPORT_GROUP), admin.id);
    return ctx.users.byId(admin.id)!;
  });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface DemoReply {
  by: 'agent' | 'requester';
  text: string;
  after: number;
  isPublic?: boolean;
  files?: { name: string; type: string; bytes: Uint8Array }[];
}

/** The March invoice the demo's agent says is attached: a one-page PDF that opens in any reader. */
export const DEMO_INVOICE = {
  name: 'invoice-2026-03.pdf',
  type: 'application/pdf',
  bytes: new TextEncoder().encode(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj',
      '4 0 obj << /Length 58 >> stream',
      'BT /F1 24 Tf 72 760 Td (Invoice, March 2026: 42.00 EUR) Tj ET',
      'endstream endobj',
      '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  ),
};

/** Seeds the demo set if the database has no tickets. Returns whether it did. */
export async function seedDemo(ctx: SandboxContext): Promise<boolean> {
  if (ctx.tickets.count() > 0) return false;
  const hashes = new Map<string, string>();
  for (const u of Object.values(DEMO_USERS)) if (!ctx.users.byEmail(u.email)) hashes.set(u.email, await hashPassword(u.password));

  inTransaction(ctx, () => {
    const ensure = (u: { name: string; email: string; roles: Role }) =>
      ctx.users.byEmail(u.email) ?? ctx.users.create({ name: u.name, email: u.email, passwordHash: hashes.get(u.email) ?? null, roles: u.roles });
    const agent = ensure(DEMO_USERS.agent);
    const alice = ensure(DEMO_USERS.alice);
    const bob = ensure(DEMO_USERS.bob);
    const support = ctx.users.ensureGroup(SUPPORT_GROUP);
    ctx.users.addToGroup(support, agent.id);
    const start = ctx.now();

    const ticket = (requester: UserRow, subject: string, description: string, agoMs: number, status: number, opts: {
      priority?: number; tags?: string; assigned?: boolean; replies?: DemoReply[]; fields?: [number, string][];
    } = {}) => {
      const created = start - agoMs;
      const assigned = opts.assigned ?? true;
      const id = ctx.tickets.create({
        subject, description, requester_id: requester.id, submitter_id: requester.id, status_id: STATUS.new, via_id: VIA_WEB_SERVICE,
        priority_id: opts.priority ?? 2, ticket_type_id: 1, current_tags: opts.tags ?? '', created_at: created,
        assignee_id: assigned ? agent.id : null, group_id: assigned ? support : null,
        assigned_at: assigned ? created : null, assignee_updated_at: assigned ? created : null,
      });
      ctx.tickets.addComment({ ticket_id: id, author_id: requester.id, value: description, is_public: 1, via_id: VIA_WEB_SERVICE, created_at: created });
      let last = created;
      for (const r of opts.replies ?? []) {
        last = created + r.after;
        const author = r.by === 'agent' ? agent : requester;
        const commentId = ctx.tickets.addComment({
          ticket_id: id, author_id: author.id, value: r.text, is_public: r.isPublic === false ? 0 : 1,
          via_id: VIA_WEB_SERVICE, created_at: last,
        });
        for (const file of r.files ?? []) {
          const { key, size } = ctx.files.storeBytes(file.bytes);
          ctx.files.insertOnComment(commentId, { uploaderId: author.id, fileName: file.name, contentType: file.type, size, key }, last);
        }
      }
      for (const [fieldId, value] of opts.fields ?? []) ctx.tickets.setField(id, fieldId, value);
      ctx.tickets.update(id, { status_id: status, status_updated_at: last }, last);
    };

    ticket(alice, 'Copy of my March invoice', 'Could you send me a copy of the March invoice? I cannot find it in my mailbox.', 9 * DAY, STATUS.closed, {
      replies: [{ by: 'agent', text: 'Here you go: the March invoice is attached to this reply.', after: 2 * HOUR, files: [DEMO_INVOICE] }],
    });
    ticket(alice, 'Password reset link expired', 'The password reset link says it has expired, even though I clicked it right away.', 6 * DAY, STATUS.solved, {
      replies: [{ by: 'agent', text: 'I have sent you a new link that stays valid for 24 hours. Let us know if it works!', after: 3 * HOUR }],
    });
    ticket(alice, 'VPN access for my new laptop', 'I got a new laptop and need VPN access on it.', 4 * DAY, STATUS.pending, {
      tags: 'vpn access',
      replies: [{ by: 'agent', text: 'Happy to help. Could you tell us the serial number of the new laptop?', after: 5 * HOUR }],
    });
    const demoFields = seedDemoFields(ctx, start);
    ticket(alice, 'Printer on the 3rd floor keeps jamming', 'The printer next to the kitchen jams on every second page.\nIt started on Monday.', 2 * DAY, STATUS.open, {
      priority: 3, tags: 'printer facilities',
      fields: [
        [139, 'Please contact me by phone during work hours'],
        ...(demoFields ? ([[demoFields.product, 'printer'], [demoFields.phone, 'true'], [demoFields.costCentre, DEMO_AGENT_ONLY_VALUE]] as [number, string][]) : []),
      ],
      replies: [
        { by: 'agent', text: 'Thanks for reporting this. We are looking into it.', after: 1 * HOUR },
        { by: 'agent', text: DEMO_INTERNAL_NOTE, after: 1 * HOUR + 5 * 60_000, isPublic: false },
        { by: 'requester', text: 'Thanks! It is still jamming today.', after: 1 * DAY },
      ],
    });
    ticket(alice, 'Cannot upload attachments', 'When I attach a PDF to a request, the upload never finishes.', 3 * HOUR, STATUS.new, { assigned: false });
    ticket(bob, 'Monitor flickers after docking', 'My second monitor flickers whenever I dock my laptop.', 1 * DAY, STATUS.open, {
      replies: [{ by: 'agent', text: 'Could you try a different cable and tell us whether it still happens?', after: 2 * HOUR }],
    });
  });
  return true;
}

/**
 * The demo's ticket fields, made once (when there are none): what a real help desk asks on its
 * request form. None is required and there is no ticket form, so every form of the demo stays
 * one step: a required field and several forms are shown by the tests that define their own.
 */
function seedDemoFields(ctx: SandboxContext, at: number): { product: number; phone: number; costCentre: number } | null {
  const store = fieldStore(ctx.db);
  if (store.fields({ endUser: false }).length > 0) return null;
  const portal = { visible_in_portal: 1, editable_in_portal: 1 } as const;
  store.createField({
    type: 'regexp', title: 'Order number', position: 1, ...portal, regexp_for_validation: '^ORD-[0-9]{6}$',
    description: 'As on your order confirmation, e.g. ORD-123456.',
  }, at);
  const product = store.createField({
    type: 'tagger', title: 'Product', position: 2, ...portal, description: 'What the request is about.',
    options: [{ name: 'Laptop', value: 'laptop' }, { name: 'Monitor', value: 'monitor' }, { name: 'Printer', value: 'printer' }, { name: 'VPN', value: 'vpn' }, { name: 'Something else', value: 'other' }],
  }, at);
  const phone = store.createField({ type: 'checkbox', title: 'Contact me by phone', position: 3, ...portal, description: 'We call the number in your profile.' }, at);
  // Agents only: never in an end user's view, whatever its value.
  const costCentre = store.createField({ type: 'text', title: 'Cost centre', position: 4, description: 'Internal: which budget pays for the work.' }, at);
  return { product, phone, costCentre };
}
