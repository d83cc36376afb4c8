// The classic dialect's view of ticket fields and forms (the sandbox's documented extension): what
// the new-request form may ask. End users get only active fields visible in the portal and active,
// end-user visible forms; staff get everything. Admins define them through the v2 agent API
// (v2/fields.ts): one store, read by both dialects.
import type { FastifyInstance } from 'fastify';
import { apiRoute, type SandboxContext } from '../context';
import { sendXml } from '../errors';
import { fieldStore, type FieldWithOptions, type FormWithFields } from '../store/fields';
import { ROLE } from '../store/users';
import { el, toXml, type XmlNode } from '../xml';

function fieldNode(f: FieldWithOptions): XmlNode {
  return el('ticket-field', [
    el('id', f.id),
    el('type', f.type),
    el('title', f.title),
    el('title-in-portal', f.title_in_portal || f.title),
    el('description', f.description),
    el('position', f.position),
    el('active', f.active === 1),
    el('visible-in-portal', f.visible_in_portal === 1),
    el('editable-in-portal', f.editable_in_portal === 1),
    el('required-in-portal', f.required_in_portal === 1),
    el('regexp-for-validation', f.regexp_for_validation),
    el(
      'custom-field-options',
      f.options.map((o) => el('custom-field-option', [el('id', o.id), el('name', o.name), el('value', o.value), el('default', o.is_default === 1)])),
      { type: 'array' },
    ),
  ]);
}

function formNode(f: FormWithFields): XmlNode {
  return el('ticket-form', [
    el('id', f.id),
    el('name', f.name),
    el('display-name', f.display_name || f.name),
    el('position', f.position),
    el('active', f.active === 1),
    el('end-user-visible', f.end_user_visible === 1),
    el('default', f.is_default === 1),
    el('ticket-field-ids', f.field_ids.map((id) => el('ticket-field-id', id)), { type: 'array' }),
  ]);
}

export function classicFieldRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  apiRoute(app, ctx, 'GET', '/ticket_fields', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const fields = fieldStore(ctx.db).fields({ endUser: user.roles === ROLE.endUser });
    return sendXml(reply, 200, toXml(el('ticket-fields', fields.map(fieldNode), { type: 'array', count: fields.length })));
  });

  apiRoute(app, ctx, 'GET', '/ticket_forms', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const forms = fieldStore(ctx.db).forms({ endUser: user.roles === ROLE.endUser });
    return sendXml(reply, 200, toXml(el('ticket-forms', forms.map(formNode), { type: 'array', count: forms.length })));
  });
}
