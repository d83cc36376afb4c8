import { getTranslations } from 'next-intl/server';
import type { Requester } from '@/lib/helpdesk/types';
import { logOut, logOutEverywhere } from '../login/actions';
import buttons from './buttons.module.css';

/**
 * Who is signed in and the button that signs them out: in the site header and, compact, in the
 * embed bar. Each place brings its own look (`className` on the form, `whoClassName` on the name).
 * `everywhere` adds "Log out of all devices", a second submit button of the same form (a plain
 * form post: it works without JavaScript).
 */
export async function LogOutForm({ requester, className, whoClassName, everywhere = false }: { requester: Requester; className?: string; whoClassName?: string; everywhere?: boolean }) {
  const t = await getTranslations('logOut');
  return (
    <form action={logOut} className={className}>
      <span className={whoClassName} title={requester.email}>
        {requester.name || requester.email}
      </span>
      <button type="submit" className={buttons.secondary}>{t('button')}</button>
      {everywhere ? (
        <button type="submit" className={buttons.secondary} formAction={logOutEverywhere}>
          {t('everywhere')}
        </button>
      ) : null}
    </form>
  );
}
