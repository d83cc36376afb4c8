import { getTranslations } from 'next-intl/server';
import type { RequestMatch, RequestSummary } from '@/lib/helpdesk';
import { RelativeTime, relativeWordsFormatter } from '../ui/relative-time';
import { StatusBadge } from '../ui/status-badge';
import { excerptAround, hasMarks, markWords, type SearchTerm } from './match-words';
import { MatchedText } from './matched-text';
import { RequestLink } from './request-link';
import { requestTitle } from './request-title';
import styles from './requests.module.css';

type Row = RequestSummary & Partial<Pick<RequestMatch, 'snippet'>>;

/**
 * One page of requests. For a search (`terms`), each row also shows where the words matched: the
 * help desk's snippet when it has the words, else the part of the description that has them, else
 * nothing more (the words are in the title, marked, or the help desk matched what it does not show).
 */
export async function RequestList({ requests, terms }: { requests: Row[]; terms: readonly SearchTerm[] | null }) {
  const [t, words] = await Promise.all([getTranslations(), relativeWordsFormatter()]);
  const untitled = (id: string) => t('requests.untitled', { id });
  return (
    <ul className={styles.list} aria-labelledby="requests-heading">
      {requests.map((request) => {
        const title = requestTitle(request, untitled);
        const where = terms ? whereItMatched(request, terms) : null;
        // Awaiting the customer's reply: said in words on the row and with the link's name (a
        // screen reader going from link to link hears it), and marked at the row's edge.
        const awaitingYou = request.status === 'pending';
        const statusId = `status-${request.id}`;
        return (
          <li key={request.id} className={awaitingYou ? `${styles.row} ${styles.awaitingYou}` : styles.row}>
            <RequestLink id={request.id} className={styles.title} dir="auto" aria-describedby={awaitingYou ? statusId : undefined}>
              {terms ? <MatchedText text={title} terms={terms} /> : title}
            </RequestLink>
            {where !== null && terms ? (
              <p className={styles.match} dir="auto">
                <span className="visually-hidden">{t('listFilters.matchedText')} </span>
                <MatchedText text={where} terms={terms} />
              </p>
            ) : null}
            <div className={styles.meta}>
              <span className={styles.number}>#{request.id}</span>
              <StatusBadge status={request.status} label={t(`status.${request.status}`)} id={awaitingYou ? statusId : undefined} filled={awaitingYou} />
              <RelativeTime iso={request.updatedAt} words={words} label="updated" />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function whereItMatched(request: Row, terms: readonly SearchTerm[]): string | null {
  const snippet = request.snippet?.trim();
  if (snippet && hasMarks(markWords(snippet, terms))) return snippet;
  return excerptAround(request.description, terms);
}
