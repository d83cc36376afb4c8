import { getLocale, getTranslations } from 'next-intl/server';
import type { SupportRequest } from '@/lib/helpdesk';
import { LocalTime } from '../../ui/local-time';
import { relativeWordsFormatter } from '../../ui/relative-time';
import { StatusBadge } from '../../ui/status-badge';
import { Fact, FactsPanel } from './facts-panel';
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
  const [words, status] = await Promise.all([relativeWordsFormatter(), getTranslations('status')]);
  const [created, updated] = [words(request.createdAt), words(request.updatedAt)];
  const requester = request.requester.role === 'you' ? t('you') : (request.requester.name ?? t('someoneElse'));
  return (
    <FactsPanel id="details-heading" heading={t('details')}>
      <Fact name={t('detailsNumber')} valueClassName={styles.number}>
        #{request.id}
      </Fact>
      <Fact name={t('detailsStatus')}>
        <StatusBadge status={request.status} label={status(request.status)} />
      </Fact>
      <Fact name={t('detailsCreated')}>
        <LocalTime iso={request.createdAt} /> <span className={styles.ago}>({created})</span>
      </Fact>
      <Fact name={t('detailsUpdated')}>
        <LocalTime iso={request.updatedAt} /> <span className={styles.ago}>({updated})</span>
      </Fact>
      <Fact name={t('detailsRequester')}>
        <bdi>{requester}</bdi>
      </Fact>
      {request.ccs.length > 0 ? (
        <Fact name={t('detailsCopied')}>
          <bdi>{copied}</bdi>
        </Fact>
      ) : null}
      {request.type !== null ? <Fact name={t('detailsType')}>{t('type', { type: request.type })}</Fact> : null}
      {request.priority !== null ? <Fact name={t('detailsPriority')}>{t('priority', { priority: request.priority })}</Fact> : null}
    </FactsPanel>
  );
}
