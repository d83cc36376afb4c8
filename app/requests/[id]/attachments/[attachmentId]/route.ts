import { getLocale, getTranslations } from 'next-intl/server';
import { downloadHeaders } from '@/lib/attachments/download-headers';
import { otherMethods } from '@/lib/attachments/other-methods';
import { reclaiming } from '@/lib/attachments/reclaim';
import { routeSecurityHeaders } from '@/lib/attachments/route-headers';
import { REQUEST_ID_PATTERN } from '@/lib/forms/text';
import { getHelpdesk, HelpdeskError, HelpdeskForbiddenError, HelpdeskNotFoundError, HelpdeskUnauthorizedError } from '@/lib/helpdesk';
import { textDirection, type Locale } from '@/lib/i18n/locales';
import { requestLogger } from '@/lib/platform/log';
import { signInHref } from '@/lib/session/safe-next-path';
import { endCurrentSession, getCaller, sessionWasEnded } from '@/lib/session/session';
import { plainPage } from '../../../../ui/attachments/plain-page';

/**
 * `GET /requests/{id}/attachments/{attachmentId}`: a file of a public comment on one of the
 * customer's requests, streamed from the help desk to the browser as it comes (the help desk's own
 * address and token never reach the page). The door finds it among the request's public comments
 * only (`openAttachment`), so someone else's file, a private note's, or a made-up id are all the
 * same 404. The file goes out with headers that keep it from ever running on the portal's origin
 * (lib/attachments/download-headers.ts).
 *
 * Outside proxy.ts's matcher: proxy would put the pages' Content-Security-Policy on the file and
 * the route could not say which one wins; the route sets every header itself.
 */
export async function GET(request: Request, { params }: RouteContext<'/requests/[id]/attachments/[attachmentId]'>) {
  const { id, attachmentId } = await params;
  const path = new URL(request.url).pathname;
  const headers = routeSecurityHeaders(path);
  if (!REQUEST_ID_PATTERN.test(id) || !REQUEST_ID_PATTERN.test(attachmentId)) return notFound(headers);
  const here = `/requests/${id}`;
  const signedIn = await getCaller();
  if (!signedIn) {
    if (await sessionWasEnded()) return seeOther(`/login/ended?${new URLSearchParams({ next: here })}`, headers);
    return seeOther(signInHref(here), headers);
  }
  const helpdesk = getHelpdesk();
  if (!helpdesk.capabilities.attachments) return notFound(headers);

  const log = await requestLogger({ event: 'download' });
  try {
    const download = await helpdesk.openAttachment(signedIn.caller, id, attachmentId);
    log.info({ outcome: 'streamed', size: download.attachment.size }, 'attachment streamed from the help desk');
    return new Response(reclaiming(download.body), { headers: downloadHeaders(download.attachment) });
  } catch (error) {
    if (error instanceof HelpdeskNotFoundError || error instanceof HelpdeskForbiddenError) return notFound(headers);
    if (error instanceof HelpdeskUnauthorizedError) {
      // As a page read does (lib/session/read-helpdesk.ts): a refused password ends the session.
      if (helpdesk.signInMode === 'end-user') {
        await endCurrentSession({ clearCookie: false });
        return seeOther(`/login/ended?${new URLSearchParams({ next: here })}`, headers);
      }
      return seeOther(signInHref(here, { expired: true }), headers);
    }
    if (!(error instanceof HelpdeskError)) throw error;
    log.warn({ outcome: 'helpdesk_problem', code: error.code }, 'attachment could not be fetched');
    const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
    return plainPage(
      { locale, dir: textDirection(locale as Locale), title: t('attachments.unavailableTitle'), body: t(`helpdesk.${error.code}`), link: { href: here, text: t('attachments.back') } },
      error.code === 'timeout' ? 504 : 502,
      headers,
    );
  }
}

function seeOther(location: string, headers: Record<string, string>): Response {
  return new Response(null, { status: 303, headers: { ...headers, Location: location } });
}

async function notFound(headers: Record<string, string>): Promise<Response> {
  const [t, locale] = await Promise.all([getTranslations('attachments'), getLocale()]);
  return plainPage({ locale, dir: textDirection(locale as Locale), title: t('notFoundTitle'), body: t('notFoundBody'), link: { href: '/requests', text: t('toRequests') } }, 404, headers);
}

/** Every other method: a cross-site write gets the 403 page proxy.ts would give, anyone else a 405. */
const notAllowed = otherMethods(['GET', 'HEAD']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const DELETE = notAllowed;
export const PATCH = notAllowed;
