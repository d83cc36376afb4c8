// Files: the classic dialect's upload (`POST /uploads.xml?filename=NAME`, a sandbox extension in
// the seed's style), the upload flow both dialects share, and the one download route both dialects'
// content URLs point at (`GET /attachments/{id}`), which answers only to someone who may see the file.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { requestAccess } from '../request-access';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiRoute, baseUrl, inTransaction, type SandboxContext } from '../context';
import { iso } from '../db';
import { notFound, parseId, sendXml, unprocessable } from '../errors';
import type { AttachmentPlace, AttachmentRow, UploadRow } from '../store/files';
import { isStaff, type UserRow } from '../store/users';
import { fileContentType, readFileName, receiveFile } from '../uploads';
import { hasV2Credentials, v2Caller } from '../v2/auth';
import { FILE_HOST_PREFIX, FileHost } from '../file-host';
import { attachmentNode } from '../views';
import { el, toXml } from '../xml';

export const DOWNLOAD_PREFIX = '/attachments/';
export const isDownloadUrl = (url: string) => url.startsWith(DOWNLOAD_PREFIX);

export interface ReceivedUpload {
  upload: UploadRow;
  /** The file this call added. */
  attachment: AttachmentRow;
  /** Every file of the upload so far (more than one when `token=` added to it). */
  files: AttachmentRow[];
}

/**
 * One file into an upload, for `user`: the name and type are checked and an existing token
 * (`token=`, to add a file to an upload) is checked before a byte is read; the body is streamed to
 * disk under the size limit; then one transaction records it. Expired, unattached uploads are
 * swept on the way.
 */
export async function takeUpload(ctx: SandboxContext, req: FastifyRequest, user: UserRow): Promise<ReceivedUpload> {
  const query = req.query as Record<string, unknown>;
  const fileName = readFileName(query);
  const openUpload = () => {
    const raw = query['token'];
    if (raw === undefined || raw === '') return undefined;
    const upload = typeof raw === 'string' ? ctx.files.upload(raw) : undefined;
    if (!upload || upload.uploader_id !== user.id || upload.used_at !== null || upload.expires_at <= ctx.now()) {
      throw unprocessable('Upload token given with token= is unknown, expired, already attached, or not one of your uploads');
    }
    return upload;
  };
  openUpload();
  const contentType = fileContentType(req.headers['content-type'], fileName);
  const { key, size } = await receiveFile(req, ctx.files, ctx.fileLimits);
  try {
    return inTransaction(ctx, () => {
      const { upload, attachment } = ctx.files.addToUpload({ uploaderId: user.id, fileName, contentType, size, key }, ctx.now(), openUpload());
      return { upload, attachment, files: ctx.files.filesOfUpload(upload.token) };
    });
  } catch (error) {
    await ctx.files.removeFiles([key]);
    throw error;
  } finally {
    await ctx.files.removeFiles(inTransaction(ctx, () => ctx.files.sweepExpired(ctx.now())));
  }
}

/** Whoever calls, with either dialect's credentials: email and password (with the classic X-On-Behalf-Of), an API token, or an OAuth token. */
async function anyCaller(ctx: SandboxContext, headers: IncomingHttpHeaders): Promise<UserRow> {
  if (hasV2Credentials(headers)) return (await v2Caller(ctx, headers, 'read')).user;
  return (await ctx.auth.caller(headers)).user;
}

/**
 * Who may download a file: staff, anything; a photo, anyone signed in (as a help desk's profile
 * pictures); a comment's file, if the comment is public, whoever may see its request (the
 * requester, its CCs, a member of its shared organization: ../request-access.ts); an upload not
 * attached yet, its uploader. Everyone else gets the same 404 as for no file.
 */
function mayDownload(ctx: SandboxContext, { attachment, comment, photoOf }: AttachmentPlace, user: UserRow): boolean {
  if (isStaff(user) || photoOf !== null) return true;
  if (comment) {
    if (comment.is_public !== 1) return false;
    const ticket = ctx.tickets.get(comment.ticket_id);
    return ticket !== undefined && requestAccess(ctx, user, ticket) !== null;
  }
  return attachment.uploader_id === user.id;
}

/** `attachment`, always: a browser must never render a help desk file as a page of the help desk. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Registered in the raw-body scope (uploads.ts rawBodyRoutes). */
export function classicUploadRoutes(uploads: FastifyInstance, ctx: SandboxContext): void {
  // Sandbox extension: the seed lists Attachments but does not describe them. The body is the file.
  apiRoute(uploads, ctx, 'POST', '/uploads', async (req, reply) => {
    const { user } = await ctx.auth.caller(req.headers);
    const { upload, attachment, files } = await takeUpload(ctx, req, user);
    const base = baseUrl(req);
    return sendXml(
      reply,
      201,
      toXml(
        el('upload', [
          el('token', upload.token),
          el('expires-at', iso(upload.expires_at)),
          attachmentNode(base, attachment),
          el('attachments', files.map((a) => attachmentNode(base, a)), { type: 'array' }),
        ]),
      ),
    );
  });
}

export function downloadRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const fileHost = new FileHost();
  apiRoute(app, ctx, 'GET', '/attachments/:id', async (req, reply) => {
    const user = await anyCaller(ctx, req.headers);
    const place = ctx.files.place(parseId((req.params as { id: string }).id));
    if (!place || !mayDownload(ctx, place, user)) throw notFound('Attachment not found');
    // v2: as Zendesk, a 302 to a temporary address on the file host (file-host.ts); classic: the file.
    if (hasV2Credentials(req.headers)) {
      return reply.code(302).header('location', fileHost.address(baseUrl(req), place.attachment.id)).header('cache-control', 'no-store').send();
    }
    return sendFile(reply, ctx, place.attachment);
  });

  // The file host: no credentials, the signed address is the permission.
  app.get(`${FILE_HOST_PREFIX}:id/:expires/:signature`, async (req, reply) => {
    const { id, expires, signature } = req.params as { id: string; expires: string; signature: string };
    const attachmentId = fileHost.check(id, expires, signature);
    const place = attachmentId === null ? undefined : ctx.files.place(attachmentId);
    if (!place) return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('This download address is unknown or has expired.');
    return sendFile(reply, ctx, place.attachment);
  });
}

/** The file itself, always as a download. */
async function sendFile(reply: FastifyReply, ctx: SandboxContext, attachment: AttachmentRow) {
  const path = ctx.files.path(attachment.file_key);
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) throw notFound('Attachment not found');
  return reply
    .code(200)
    .header('content-type', attachment.content_type)
    .header('content-length', String(size))
    .header('content-disposition', disposition(attachment.file_name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(createReadStream(path));
}
