import { getLocale, getTranslations } from 'next-intl/server';
import { extensionOf, isPlainImage } from '@/lib/attachments/rules';
import type { Attachment } from '@/lib/helpdesk';
import { formatSize } from './file-words';
import styles from './attachments.module.css';

/** Where a file of a request is downloaded from: the portal, never the help desk (app/requests/[id]/attachments/[attachmentId]/route.ts). */
export const attachmentHref = (requestId: string, attachmentId: string) => `/requests/${encodeURIComponent(requestId)}/attachments/${encodeURIComponent(attachmentId)}`;

/**
 * The files of one comment: each a link to download it through the portal, with its name, type
 * and size; a plain image (PNG, JPEG, GIF, WebP) also shows a small picture of itself, loaded
 * lazily from the same address. The picture is decoration beside the file's name (empty alt), so a
 * screen reader hears each file once.
 */
export function CommentFiles({ requestId, attachments }: { requestId: string; attachments: Attachment[] }) {
  // Most comments have no files: rendered in place, not as an async component of their own (see app/ui/relative-time.tsx).
  return attachments.length === 0 ? null : <CommentFileList requestId={requestId} attachments={attachments} />;
}

async function CommentFileList({ requestId, attachments }: { requestId: string; attachments: Attachment[] }) {
  const [t, locale] = await Promise.all([getTranslations('attachments'), getLocale()]);
  return (
    <ul className={styles.files} aria-label={t('commentFiles')}>
      {attachments.map((file) => {
        const href = attachmentHref(requestId, file.id);
        const type = extensionOf(file.fileName).toUpperCase() || file.contentType;
        return (
          <li key={file.id}>
            <a href={href} className={styles.file} {...(isPlainImage(file.contentType) ? {} : { download: file.fileName })}>
              {/* Not next/image: its optimiser fetches the picture on the server, without the customer's session. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              {isPlainImage(file.contentType) ? <img src={href} alt="" loading="lazy" decoding="async" width={64} height={64} className={styles.thumbnail} /> : null}
              <span>
                <span className={styles.fileName} dir="auto">
                  {file.fileName}
                </span>
                <span className={styles.fileFacts}>{file.size === null ? type : t('typeAndSize', { type, size: formatSize(file.size, locale) })}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
