import 'server-only';
import { cookies, headers as requestHeaders } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { receiveForm } from '@/lib/attachments/form-files';
import type { FileIssue } from '@/lib/attachments/issues';
import type { KeptUpload } from '@/lib/attachments/receipt';
import { FormReadError } from '@/lib/attachments/multipart';
import { routeSecurityHeaders } from '@/lib/attachments/route-headers';
import { keepFormState } from '@/lib/forms/kept-form-state';
import { textDirection, type Locale } from '@/lib/i18n/locales';
import { refusalWords } from '@/lib/i18n/proxy-words';
import { getConfig } from '@/lib/platform/config';
import { crossOriginRefusal, isCrossOriginWrite } from '@/lib/platform/cross-origin';
import { requestLogger } from '@/lib/platform/log';
import { sharedState } from '@/lib/platform/shared-state';
import { signInHref } from '@/lib/session/safe-next-path';
import { getCaller } from '@/lib/session/session';
import { formatSize } from '../ui/attachments/file-words';
import { plainPage } from '../ui/attachments/plain-page';

/**
 * A new-request or reply form posted without JavaScript, with its files
 * (app/requests/new/send/route.ts, app/requests/[id]/send/route.ts: the forms' `useActionState`
 * permalink, which React makes the form's `action` before JavaScript runs). The body is read as it
 * arrives (lib/attachments/form-files.ts), then the form goes through the same write as the server
 * action. Sent: a 303 to where the action would have gone. Not sent: the form's state (message,
 * errors, text, the files the help desk already has) is kept for a while (lib/forms/kept-form-state.ts)
 * and the browser goes back to the form's page with its key, where the form shows it all again.
 */
export interface FormPost<State> {
  /** The form's page, where a form that did not go through comes back (it may depend on the form: a follow-up's). */
  page: string | ((formData: FormData) => string);
  /** Where on that page the form is. */
  anchor?: string;
  send: (formData: FormData, refused: FileIssue[]) => Promise<{ done: true; href: string } | { done: false; state: State }>;
}

type FormState = { values?: unknown; token?: string; uploads?: KeptUpload[]; errors?: { files?: string[] } };

/** Room for a form's text and Next's own fields beside its files. */
const TEXT_ALLOWANCE_BYTES = 2 * 1024 * 1024;

export async function answerFormPost<State extends FormState>(request: Request, form: FormPost<State>): Promise<Response> {
  const path = new URL(request.url).pathname;
  const headers = routeSecurityHeaders(path);
  const config = getConfig();
  const log = await requestLogger({ event: 'form_post', path });
  if (isCrossOriginWrite(request.method, request.headers)) {
    const refusal = crossOriginRefusal(refusalWords({ cookies: await cookies(), headers: await requestHeaders() }, config.embedOrigins));
    for (const [name, value] of Object.entries(headers)) refusal.headers.set(name, value);
    return refusal;
  }

  // Before the form is read, its page without what the form would add.
  const basePage = typeof form.page === 'string' ? form.page : new URL(request.url).pathname.replace(/\/send$/, '');
  const { maxBytes, maxFiles } = config.attachments;
  const length = Number(request.headers.get('content-length') ?? 0);
  // Larger than every file a message may carry, at their largest: refused before reading any of it.
  if (length > maxFiles * maxBytes + TEXT_ALLOWANCE_BYTES) {
    log.info({ outcome: 'too_large', length }, 'form post too large to read');
    return page(413, 'tooLarge', basePage, headers);
  }

  const signedIn = await getCaller();
  let received;
  try {
    received = await receiveForm(request, signedIn?.caller ?? null);
  } catch (error) {
    if (!(error instanceof FormReadError)) throw error;
    log.info({ outcome: 'unreadable' }, 'form post could not be read');
    return page(400, 'unreadable', basePage, headers);
  }

  const formPage = typeof form.page === 'string' ? form.page : form.page(received.formData);
  const outcome = await form.send(received.formData, received.refused);
  if (outcome.done) return seeOther(outcome.href, headers);
  // The session ended: what was typed, the files already uploaded, and which files to choose again
  // are kept; the sign-in page says why.
  const { values, token, uploads, errors } = outcome.state;
  const state: FormState = signedIn ? outcome.state : { values, token, uploads, ...(errors?.files ? { errors: { files: errors.files } } : {}) };
  let key: string;
  try {
    key = await keepFormState(sharedState(), signedIn?.requester.id ?? null, state);
  } catch (error) {
    log.warn({ outcome: 'store_unavailable', err: error }, 'a form that did not go through could not be kept');
    return page(503, 'unavailable', formPage, headers);
  }
  const back = `${formPage}${formPage.includes('?') ? '&' : '?'}${new URLSearchParams({ form: key })}${form.anchor ?? ''}`;
  return seeOther(signedIn ? back : signInHref(back, { expired: true }), headers);
}

function seeOther(location: string, headers: Record<string, string>): Response {
  return new Response(null, { status: 303, headers: { ...headers, Location: location } });
}

async function page(status: number, kind: 'tooLarge' | 'unreadable' | 'unavailable', back: string, headers: Record<string, string>) {
  const [t, locale] = await Promise.all([getTranslations('attachments'), getLocale()]);
  const { maxBytes, maxFiles } = getConfig().attachments;
  const words = {
    tooLarge: { title: t('formPage.tooLargeTitle'), body: t('refused.too_large_together', { maxFiles, maxSize: formatSize(maxBytes, locale) }) },
    unreadable: { title: t('formPage.unreadableTitle'), body: t('formPage.unreadableBody') },
    unavailable: { title: t('formPage.unavailableTitle'), body: t('formPage.unavailableBody') },
  }[kind];
  return plainPage({ locale, dir: textDirection(locale as Locale), ...words, link: { href: back, text: t('formPage.back') } }, status, headers);
}
