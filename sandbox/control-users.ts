// Control endpoints for people (admin only, JSON, never counted or faulted): a user's name and
// photo, which the portal shows on comments but neither API lets an end user's agent set here.
//   PATCH  /_sandbox/users/{id}                      {"name": "…"}
//   PUT    /_sandbox/users/{id}/photo?filename=NAME  body: the image itself (its Content-Type)
//   DELETE /_sandbox/users/{id}/photo
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { baseUrl, inTransaction, type SandboxContext } from './context';
import { CONTROL_PREFIX, requireAdmin } from './control';
import { badRequest, notFound, unprocessable } from './errors';
import type { UserRow } from './store/users';
import { fileContentType, readFileName, receiveFile } from './uploads';
import { attachmentJson } from './v2/views';

function userOf(ctx: SandboxContext, req: FastifyRequest): UserRow {
  const raw = (req.params as { id: string }).id;
  const user = /^\d+$/.test(raw) ? ctx.users.byId(Number(raw)) : undefined;
  if (!user) throw notFound('User not found');
  return user;
}

function describe(ctx: SandboxContext, req: FastifyRequest, user: UserRow) {
  const photo = ctx.files.photos([user.id]).get(user.id);
  return { user: { id: user.id, name: user.name, photo: photo ? attachmentJson(baseUrl(req), photo) : null } };
}

export function controlUserRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.patch(`${CONTROL_PREFIX}/users/:id`, async (req) => {
    await requireAdmin(ctx, req);
    const user = userOf(ctx, req);
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) throw badRequest('name must be a non-empty string of at most 100 characters');
    inTransaction(ctx, () => ctx.users.rename(user.id, name));
    return describe(ctx, req, ctx.users.byId(user.id)!);
  });

  app.delete(`${CONTROL_PREFIX}/users/:id/photo`, async (req, reply) => {
    await requireAdmin(ctx, req);
    const user = userOf(ctx, req);
    const removed = inTransaction(ctx, () => {
      ctx.users.setPhoto(user.id, null);
      return user.photo_attachment_id === null ? undefined : ctx.files.deleteRow(user.photo_attachment_id);
    });
    await ctx.files.removeFiles(removed ? [removed] : []);
    return reply.code(204).send();
  });
}

/** Registered in the raw-body scope (uploads.ts rawBodyRoutes). */
export function controlPhotoRoutes(uploads: FastifyInstance, ctx: SandboxContext): void {
  // Stored like an attachment: on disk, with a row; the old photo's row and file go.
  uploads.put(`${CONTROL_PREFIX}/users/:id/photo`, async (req) => {
    await requireAdmin(ctx, req);
    const user = userOf(ctx, req);
    const fileName = readFileName(req.query as Record<string, unknown>);
    const contentType = fileContentType(req.headers['content-type'], fileName);
    if (!contentType.startsWith('image/')) throw unprocessable(`A photo must be an image (got ${contentType})`);
    const { key, size } = await receiveFile(req, ctx.files, ctx.fileLimits);
    let replaced: string | undefined;
    try {
      replaced = inTransaction(ctx, () => {
        const current = ctx.users.byId(user.id)!.photo_attachment_id;
        const photo = ctx.files.insertLoose({ uploaderId: user.id, fileName, contentType, size, key }, ctx.now());
        ctx.users.setPhoto(user.id, photo.id);
        return current === null ? undefined : ctx.files.deleteRow(current);
      });
    } catch (error) {
      await ctx.files.removeFiles([key]);
      throw error;
    }
    await ctx.files.removeFiles(replaced ? [replaced] : []);
    return describe(ctx, req, ctx.users.byId(user.id)!);
  });
}
