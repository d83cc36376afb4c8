// Ticket Fields and Ticket Forms (v2): an admin defines the fields a request form asks and the
// forms that group them; anyone signed in lists them, end users only what they may see (fields
// active and visible_in_portal, forms active and end_user_visible), as the references say.
import type { FastifyInstance } from 'fastify';
import { iso } from '../db';
import { inTransaction, type SandboxContext } from '../context';
import { FIELD_TYPES, fieldStore, type FieldType, type FieldWithOptions, type FormWithFields, type NewField } from '../store/fields';
import { ROLE } from '../store/users';
import { v2Admin, v2Caller } from './auth';
import { recordInvalid } from './errors';
import { baseUrl, bodyObject, sendJson, v2Route } from './route';

export function ticketFieldJson(base: string, f: FieldWithOptions): Record<string, unknown> {
  const portalTitle = f.title_in_portal || f.title;
  return {
    url: `${base}/api/v2/ticket_fields/${f.id}.json`,
    id: f.id,
    type: f.type,
    title: f.title,
    raw_title: f.title,
    description: f.description,
    raw_description: f.description,
    position: f.position,
    active: f.active === 1,
    required: false,
    collapsed_for_agents: false,
    regexp_for_validation: f.regexp_for_validation,
    title_in_portal: portalTitle,
    raw_title_in_portal: portalTitle,
    visible_in_portal: f.visible_in_portal === 1,
    editable_in_portal: f.editable_in_portal === 1,
    required_in_portal: f.required_in_portal === 1,
    tag: f.tag,
    created_at: iso(f.created_at),
    updated_at: iso(f.created_at),
    removable: true,
    agent_description: null,
    ...(f.type === 'tagger' || f.type === 'multiselect'
      ? { custom_field_options: f.options.map((o) => ({ id: o.id, name: o.name, raw_name: o.name, value: o.value, default: o.is_default === 1 })) }
      : {}),
  };
}

export function ticketFormJson(base: string, f: FormWithFields): Record<string, unknown> {
  const displayName = f.display_name || f.name;
  return {
    url: `${base}/api/v2/ticket_forms/${f.id}.json`,
    id: f.id,
    name: f.name,
    raw_name: f.name,
    display_name: displayName,
    raw_display_name: displayName,
    position: f.position,
    active: f.active === 1,
    end_user_visible: f.end_user_visible === 1,
    default: f.is_default === 1,
    in_all_brands: true,
    restricted_brand_ids: [],
    ticket_field_ids: f.field_ids,
    created_at: iso(f.created_at),
    updated_at: iso(f.created_at),
  };
}

const flag = (value: unknown, name: string): 0 | 1 | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw recordInvalid(name, `${name} must be true or false`);
  return value ? 1 : 0;
};

const optionalText = (value: unknown, name: string, max: number): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw recordInvalid(name, `${name} must be text of at most ${max} characters`);
  return value;
};

/** `{"ticket_field": {...}}` of Create Ticket Field, read and checked. */
function newField(body: Record<string, unknown>): NewField {
  const rawType = body['type'] ?? 'text';
  // Zendesk names the single-select drop-down `tagger`; newer docs also say `dropdown`.
  const type = (rawType === 'dropdown' ? 'tagger' : rawType) as FieldType;
  if (!FIELD_TYPES.includes(type)) throw recordInvalid('type', `type must be one of: ${FIELD_TYPES.join(', ')}`);
  const title = optionalText(body['title'], 'title', 255);
  if (!title?.trim()) throw recordInvalid('title', 'Title: cannot be blank', 'BlankValue');
  const regexp = optionalText(body['regexp_for_validation'], 'regexp_for_validation', 1000) ?? null;
  if (type === 'regexp') {
    if (!regexp) throw recordInvalid('regexp_for_validation', 'A regexp field needs regexp_for_validation', 'BlankValue');
    try {
      new RegExp(regexp, 'u');
    } catch {
      throw recordInvalid('regexp_for_validation', 'regexp_for_validation is not a valid regular expression');
    }
  }
  const rawOptions = body['custom_field_options'];
  const options: NonNullable<NewField['options']> = [];
  if (type === 'tagger' || type === 'multiselect') {
    if (!Array.isArray(rawOptions) || rawOptions.length === 0) throw recordInvalid('custom_field_options', 'A drop-down or multi-select field needs custom_field_options');
    for (const raw of rawOptions) {
      const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const name = optionalText(o['name'], 'custom_field_options.name', 255);
      const value = optionalText(o['value'], 'custom_field_options.value', 255);
      if (!name?.trim() || !value || /\s/.test(value)) throw recordInvalid('custom_field_options', 'Each option needs a name and a value (a tag: no spaces)');
      if (options.some((x) => x.value === value)) throw recordInvalid('custom_field_options', `Option value "${value}" is given twice`);
      options.push({ name, value, default: o['default'] === true });
    }
  }
  const position = body['position'];
  if (position !== undefined && (typeof position !== 'number' || !Number.isSafeInteger(position))) throw recordInvalid('position', 'position must be a whole number');
  const field: NewField = { type, title, options, regexp_for_validation: regexp };
  const set = <K extends keyof NewField>(key: K, value: NewField[K] | undefined) => {
    if (value !== undefined) field[key] = value;
  };
  set('title_in_portal', optionalText(body['title_in_portal'], 'title_in_portal', 255));
  set('description', optionalText(body['description'], 'description', 2000));
  set('position', position as number | undefined);
  set('active', flag(body['active'], 'active'));
  set('visible_in_portal', flag(body['visible_in_portal'], 'visible_in_portal'));
  set('editable_in_portal', flag(body['editable_in_portal'], 'editable_in_portal'));
  set('required_in_portal', flag(body['required_in_portal'], 'required_in_portal'));
  set('tag', optionalText(body['tag'], 'tag', 255));
  return field;
}

export function v2FieldRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  v2Route(app, ctx, 'GET', '/api/v2/ticket_fields', async (req, reply) => {
    const { user } = await v2Caller(ctx, req.headers, 'read');
    const fields = fieldStore(ctx.db).fields({ endUser: user.roles === ROLE.endUser });
    const base = baseUrl(req);
    return sendJson(reply, 200, { ticket_fields: fields.map((f) => ticketFieldJson(base, f)), next_page: null, previous_page: null, count: fields.length });
  });

  v2Route(app, ctx, 'POST', '/api/v2/ticket_fields', async (req, reply) => {
    await v2Admin(ctx, req.headers);
    const field = newField(bodyObject(req.body, 'ticket_field'));
    const store = fieldStore(ctx.db);
    const id = inTransaction(ctx, () => store.createField(field, ctx.now()));
    const base = baseUrl(req);
    reply.header('location', `${base}/api/v2/ticket_fields/${id}.json`);
    return sendJson(reply, 201, { ticket_field: ticketFieldJson(base, store.field(id)!) });
  });

  v2Route(app, ctx, 'GET', '/api/v2/ticket_forms', async (req, reply) => {
    const { user } = await v2Caller(ctx, req.headers, 'read');
    const forms = fieldStore(ctx.db).forms({ endUser: user.roles === ROLE.endUser });
    const base = baseUrl(req);
    return sendJson(reply, 200, { ticket_forms: forms.map((f) => ticketFormJson(base, f)), next_page: null, previous_page: null, count: forms.length });
  });

  v2Route(app, ctx, 'POST', '/api/v2/ticket_forms', async (req, reply) => {
    await v2Admin(ctx, req.headers);
    const body = bodyObject(req.body, 'ticket_form');
    const name = optionalText(body['name'], 'name', 255);
    if (!name?.trim()) throw recordInvalid('name', 'Name: cannot be blank', 'BlankValue');
    const ids = body['ticket_field_ids'] ?? [];
    const store = fieldStore(ctx.db);
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'number' || !store.field(id))) {
      throw recordInvalid('ticket_field_ids', 'ticket_field_ids must be an array of existing ticket field ids');
    }
    const position = typeof body['position'] === 'number' ? body['position'] : undefined;
    const id = inTransaction(ctx, () =>
      store.createForm(
        {
          name,
          field_ids: ids as number[],
          ...(optionalText(body['display_name'], 'display_name', 255) !== undefined ? { display_name: body['display_name'] as string } : {}),
          ...(position !== undefined ? { position } : {}),
          ...(flag(body['active'], 'active') !== undefined ? { active: flag(body['active'], 'active')! } : {}),
          ...(flag(body['end_user_visible'], 'end_user_visible') !== undefined ? { end_user_visible: flag(body['end_user_visible'], 'end_user_visible')! } : {}),
          ...(flag(body['default'], 'default') !== undefined ? { is_default: flag(body['default'], 'default')! } : {}),
        },
        ctx.now(),
      ),
    );
    const base = baseUrl(req);
    reply.header('location', `${base}/api/v2/ticket_forms/${id}.json`);
    return sendJson(reply, 201, { ticket_form: ticketFormJson(base, store.forms({ endUser: false }).find((f) => f.id === id)!) });
  });
}
