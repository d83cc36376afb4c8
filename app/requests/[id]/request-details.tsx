import { getLocale, getTranslations } from 'next-intl/server';
import type { SupportRequest } from '@/lib/helpdesk';
import { LocalTime } from '../../ui/local-time';
import { relativeWords } from '../../ui/relative-time';
import { StatusBadge } from '../../ui/status-badge';
import styles from './request.module.css';

/**
 * The request's details, as the customer may see them: number, status, when it was created and
 * last updated (the exact moment written out, in the customer's time zone once the browser says
 * which, with how long ago), who asked, and the type and priority where the help desk shows them.
 */
export async function RequestDetails({ request }: { request: SupportRequest }) {
  const t = await getTranslations('request');
  const locale = await getLocale();
  // Who is copied on it: names only (the door carries no email), "You" for the customer.
  const copied = new Intl.ListFormat(locale, { type: 'conjunction' }).format(request.ccs.map((cc) => (cc.you ? t('you') : (cc.name ?? t('ccUnnamed')))));
  const [created, updated] = await Promise.all([relativeWords(request.createdAt), relativeWords(request.updatedAt)]);
  const requester = request.requester.role === 'you' ? t('you') : (request.requester.name ?? t('someoneElse'));
  return (
    <section aria-labelledby="details-heading" className={styles.details}>
      <h2 id="details-heading" className={styles.detailsHeading}>
        {t('details')}
      </h2>
      <dl className={styles.detailsList}>
        <div>
          <dt>{t('detailsNumber')}</dt>
          <dd className={styles.number}>#{request.id}</dd>
        </div>
        <div>
          <dt>{t('detailsStatus')}</dt>
          <dd>
            <StatusBadge status={request.status} />
          </dd>
        </div>
        <div>
          <dt>{t('detailsCreated')}</dt>
          <dd>
            <LocalTime iso={request.createdAt} /> <span className={styles.ago}>({created})</span>
          </dd>
        </div>
        <div>
          <dt>{t('detailsUpdated')}</dt>
          <dd>
            <LocalTime iso={request.updatedAt} /> <span className={styles.ago}>({updated})</span>
          </dd>
        </div>
        <div>
          <dt>{t('detailsRequester')}</dt>
          <dd>
            <bdi>{requester}</bdi>
          </dd>
        </div>
        {request.ccs.length > 0 ? (
          <div>
            <dt>{t('detailsCopied')}</dt>
            <dd>
              <bdi>{copied}</bdi>
            </dd>
          </div>
        ) : null}
        {request.type !== null ? (
          <div>
            <dt>{t('detailsType')}</dt>
            <dd>{t('type', { type: request.type })}</dd>
          </div>
        ) : null}
        {request.priority !== null ? (
          <div>
            <dt>{t('detailsPriority')}</dt>
            <dd>{t('priority', { priority: request.priority })}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
