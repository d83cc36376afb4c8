import { UPLOAD_ROUTE } from '@/lib/attachments/fields';
import type { FileIssue } from '@/lib/attachments/issues';
import type { KeptUpload } from '@/lib/attachments/receipt';

/**
 * One file to the portal's upload route (app/requests/uploads/route.ts), with progress. An
 * XMLHttpRequest, not fetch: only it reports upload progress. The file is the raw body (the
 * browser sets Content-Length from it), its name in the query.
 */
export type UploadAnswer =
  | { ok: true; upload: KeptUpload }
  | { ok: false; issue?: FileIssue; code: string; message: string | null };

export function uploadFile(file: Blob, fileName: string, onProgress: (fraction: number) => void): { done: Promise<UploadAnswer>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadAnswer>((resolve) => {
    xhr.open('POST', `${UPLOAD_ROUTE}?${new URLSearchParams({ name: fileName })}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { upload?: KeptUpload; error?: { code?: string; message?: string; issue?: FileIssue } } | null;
      if (xhr.status === 200 && body?.upload) return resolve({ ok: true, upload: body.upload });
      resolve({ ok: false, code: body?.error?.code ?? 'upload_failed', message: body?.error?.message ?? null, ...(body?.error?.issue ? { issue: body.error.issue } : {}) });
    };
    // No answer at all: the portal is unreachable (or the connection broke).
    xhr.onerror = () => resolve({ ok: false, code: 'network', message: null });
    xhr.onabort = () => resolve({ ok: false, code: 'aborted', message: null });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
