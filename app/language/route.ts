import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/platform/config';
import { rememberLocale } from '@/lib/i18n/cookie';
import { isLocale } from '@/lib/i18n/locales';
import { safeNextPath } from '@/lib/session/safe-next-path';

/**
 * The language picker's form (app/ui/language-picker.tsx): keeps the chosen language in the
 * locale cookie and goes back to the page the form was on (a portal path only). A plain form
 * post, so it works without JavaScript; proxy.ts has already refused a post from another site.
 * An unknown language changes nothing.
 */
export async function POST(request: Request) {
  let form: FormData | null = null;
  try {
    form = await request.formData();
  } catch {
    // Not a form: nothing to change.
  }
  const locale = form?.get('locale');
  // A relative Location: the browser resolves it against this portal, whatever the Host header says.
  const response = new NextResponse(null, { status: 303, headers: { Location: safeNextPath(form?.get('next'), { signInPage: true }), 'Cache-Control': 'no-store' } });
  return isLocale(locale) ? rememberLocale(response, locale, getConfig()) : response;
}
