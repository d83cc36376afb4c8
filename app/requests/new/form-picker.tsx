import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RequestForm } from '@/lib/helpdesk';
import styles from '../../ui/forms/forms.module.css';
import { TICKET_FORM_PARAM } from './request-fields';

/**
 * Where the help desk has several request forms, the customer picks one first: plain links
 * (`/requests/new?ticketForm=ID`), so it works the same without JavaScript; the form's names are
 * the help desk's.
 */
export async function FormPicker({ forms, followUpId }: { forms: RequestForm[]; followUpId: string | null }) {
  const t = await getTranslations('newRequest');
  const href = (id: string) => {
    const query = new URLSearchParams();
    if (followUpId) query.set('followUp', followUpId);
    query.set(TICKET_FORM_PARAM, id);
    return `/requests/new?${query}`;
  };
  return (
    <nav aria-labelledby="form-picker-title" className={styles.formPicker}>
      <h2 id="form-picker-title">{t('chooseFormHeading')}</h2>
      <p>{t('chooseFormLead')}</p>
      <ul>
        {forms.map((form) => (
          <li key={form.id}>
            <Link href={href(form.id)} prefetch={false}>
              <bdi>{form.name}</bdi>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
