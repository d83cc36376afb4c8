// Upload Files (`POST /api/v2/uploads.json?filename=NAME`, Ticket Attachments reference): the body
// is the file itself, its Content-Type the file's type; `token=` adds a file to an upload. 201
// `{"upload": {"token", "expires_at", "attachment", "attachments"}}`; the token goes into a
// comment's `uploads`.
import type { FastifyInstance } from 'fastify';
import { baseUrl, type SandboxContext } from '../context';
import { iso } from '../db';
import { takeUpload } from '../routes/files';
import { requestCaller } from './requests';
import { sendJson, v2Route } from './route';
import { attachmentJson } from './views';

export function v2UploadRoutes(uploads: FastifyInstance, ctx: SandboxContext): void {
  v2Route(uploads, ctx, 'POST', '/api/v2/uploads', async (req, reply) => {
    // "Allowed for: End users", as the Requests API's callers (an unverified end user is refused there too).
    const user = await requestCaller(ctx, req, 'write');
    const { upload, attachment, files } = await takeUpload(ctx, req, user);
    const base = baseUrl(req);
    return sendJson(reply, 201, {
      upload: {
        token: upload.token,
        expires_at: iso(upload.expires_at),
        attachment: attachmentJson(base, attachment),
        attachments: files.map((a) => attachmentJson(base, a)),
      },
    });
  });
}
