import Form from 'next/form';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import formStyles from '../ui/forms/forms.module.css';
import { listHref, MAX_QUERY_CHARS, SORTS, type ListView } from './list-view';
import styles from './requests.module.css';

/**
 * The search box and the order: a plain GET form to /requests, so it works without JavaScript and
 * leaves everything in the URL (with JavaScript, next/form makes it a client navigation). The
 * status rides along hidden; no page field, so a new search or order starts at page 1. It submits
 * with its button only: a select that navigates as it changes would move keyboard users on at the
 * first arrow key (WCAG 3.2.2).
 */
export async function SearchForm({ view, canSearch, queryProblem }: { view: ListView; canSearch: boolean; queryProblem: string | null }) {
  const t = await getTranslations('listFilters');
  const hintId = 'q-hint';
  const errorsId = 'q-errors';
  return (
    <Form action="/requests" role="search" aria-label={t('searchRegion')} className={styles.searchForm}>
      {canSearch ? (
        <div className={`${formStyles.field} ${styles.searchField}`}>
          <label htmlFor="q" className={formStyles.label}>
            {t('searchLabel')}
          </label>
          <p id={hintId} className={formStyles.hint}>
            {t('searchHint', { max: MAX_QUERY_CHARS })}
          </p>
          {/* Keyed by the search, so going back, or clearing it, shows the search of that URL. */}
          <input
            key={view.q}
            id="q"
            name="q"
            type="search"
            defaultValue={view.q}
            className={formStyles.input}
            aria-describedby={`${hintId} ${errorsId}`}
            aria-invalid={queryProblem ? true : undefined}
            enterKeyHint="search"
          />
          <div id={errorsId} className={formStyles.fieldErrors} aria-live="polite">
            {queryProblem ? <p>{queryProblem}</p> : null}
          </div>
        </div>
      ) : null}
      {/* Before the status, so the URL reads as the links write it: view (or q), status, sort. */}
      {view.view !== 'mine' ? <input type="hidden" name="view" value={view.view} /> : null}
      {/* After the search box, so the URL reads as the links write it: q, status, sort. */}
      <input type="hidden" name="status" value={view.status} />
      <div className={formStyles.field}>
        <label htmlFor="sort" className={formStyles.label}>
          {t('sortLabel')}
        </label>
        {/* autoComplete off: going back without JavaScript, the browser would otherwise restore the
            order picked on the page that was left, not the one of the URL it shows. */}
        <select key={view.sort} id="sort" name="sort" defaultValue={view.sort} autoComplete="off" className={`${formStyles.input} ${styles.sortSelect}`}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t('sort', { sort: sort.replace('-', '_') })}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.searchActions}>
        <button type="submit" className={styles.searchButton}>
          {canSearch ? t('searchButton') : t('applyButton')}
        </button>
        {view.q !== '' ? <Link href={listHref(view, { q: '' })}>{t('clearSearch')}</Link> : null}
      </div>
    </Form>
  );
}
