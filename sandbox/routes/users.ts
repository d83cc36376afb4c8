// /users: who am I, creating users (agents and admins only) and setting a password (admins).
import type { FastifyInstance } from 'fastify';
import { apiRoute, inTransaction, type SandboxContext } from '../context';
import { forbidden, notFound, parseId, sendXml, unprocessable } from '../errors';
import { childrenByName, expectRoot, parseBody, readEmail, readInt, readText } from '../input';
import { hashPassword, ROLE, type Role } from '../store/users';
import { userXml } from '../views';

export function userRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  // Registered before /users/:id; the static path wins in Fastify's router.
  apiRoute(app, ctx, 'GET', '/users/current', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    return sendXml(reply, 200, userXml(user, ctx.people.organizationOf(user.id) ?? null));
  });

  apiRoute(app, ctx, 'GET', '/users/:id', async (req, reply) => {
    await ctx.auth.staff(req.headers);
    const user = ctx.users.byId(parseId((req.params as { id: string }).id));
    if (!user) throw notFound('User not found');
    return sendXml(reply, 200, userXml(user));
  });

  // Sandbox extension (the seed names Users but does not describe updating one): an admin sets a
  // user's password, as a help desk's "reset password" does. The time is kept and shown as
  // <password-changed-at>, so sessions older than the change can be refused.
  apiRoute(app, ctx, 'PUT', '/users/:id', async (req, reply) => {
    const { user: caller } = await ctx.auth.staff(req.headers);
    if (caller.roles !== ROLE.admin) throw forbidden('Only admins can set passwords');
    const id = parseId((req.params as { id: string }).id);
    if (!ctx.users.byId(id)) throw notFound('User not found');
    const root = parseBody(req.body);
    expectRoot(root, 'user');
    const passwordEl = childrenByName(root, new Set(['password'])).get('password');
    if (!passwordEl) throw unprocessable('<password> is required (the only element the sandbox updates)');
    const password = readText(passwordEl, { required: true, max: 200 });
    const passwordHash = await hashPassword(password);
    const updated = inTransaction(ctx, () => {
      if (!ctx.users.byId(id)) throw notFound('User not found');
      ctx.users.changePassword(id, passwordHash);
      return ctx.users.byId(id)!;
    });
    return sendXml(reply, 200, userXml(updated));
  });

  apiRoute(app, ctx, 'POST', '/users', async (req, reply) => {
    const { user: caller } = await ctx.auth.staff(req.headers);
    const root = parseBody(req.body);
    expectRoot(root, 'user');
    const el = childrenByName(root, new Set(['name', 'email', 'password', 'roles']));
    const nameEl = el.get('name');
    const emailEl = el.get('email');
    if (!nameEl) throw unprocessable('<name> is required');
    if (!emailEl) throw unprocessable('<email> is required');
    const name = readText(nameEl, { required: true, max: 100 });
    const email = readEmail(emailEl);
    const passwordEl = el.get('password');
    // No password: the user exists (e.g. as a requester) but cannot sign in.
    const password = passwordEl ? readText(passwordEl, { max: 200 }) : '';
    const rolesEl = el.get('roles');
    const roles = rolesEl ? readInt(rolesEl, 0, 4) : ROLE.endUser;
    if (roles !== 0 && roles !== 2 && roles !== 4) throw unprocessable('<roles> must be 0 (end user), 2 (agent) or 4 (admin)');
    // Agents may add end users; only an admin may create more staff.
    if (roles !== ROLE.endUser && caller.roles !== ROLE.admin) throw forbidden('Only admins can create agents and admins');
    if (ctx.users.byEmail(email)) throw unprocessable('Email has already been taken');
    const passwordHash = password === '' ? null : await hashPassword(password);
    const created = inTransaction(ctx, () => {
      // Checked again inside the transaction: another call may have won the race while we hashed.
      if (ctx.users.byEmail(email)) throw unprocessable('Email has already been taken');
      return ctx.users.create({ name, email, passwordHash, roles: roles as Role });
    });
    reply.header('location', `/users/${created.id}.xml`);
    return sendXml(reply, 201, userXml(created));
  });
}
