'use client';

import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslations } from 'next-intl';
import styles from './forms.module.css';

/**
 * After a submit that failed, a list at the top of the form of what is wrong, each a link to its
 * field (the GOV.UK error summary). With JavaScript, focus moves here when the errors arrive, so a
 * keyboard or screen reader user hears the problem first; a link then moves focus to its field.
 * Without JavaScript the page comes back with the summary first in the form, and the links are
 * plain `#field` anchors: the browser scrolls to the field and starts Tab there.
 *
 * `fields` gives the order (the form's, top to bottom) and the ids (a field's id is its name).
 */
export function ErrorSummary({ errors, fields }: { errors?: Record<string, string[] | undefined>; fields: readonly string[] }) {
  const t = useTranslations('forms');
  const ref = useRef<HTMLElement>(null);
  const problems = fields.flatMap((field) => (errors?.[field] ?? []).map((message) => ({ field, message })));
  // A new answer from the action is a new errors object: focus once per failed submit.
  useEffect(() => {
    if (errors && problems.length > 0) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new answer moves focus, not a re-render
  }, [errors]);
  if (problems.length === 0) return null;

  const toField = (event: MouseEvent<HTMLAnchorElement>, field: string) => {
    const control = document.getElementById(field);
    if (!control) return;
    event.preventDefault();
    // The label and the field's hint come into view with it, not just the box.
    document.querySelector(`label[for="${CSS.escape(field)}"]`)?.scrollIntoView({ block: 'center' });
    control.focus({ preventScroll: true });
  };

  return (
    // A <section> with a name is a region: screen readers list it, and read its title on focus.
    <section ref={ref} className={styles.errorSummary} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className={styles.errorSummaryTitle}>
        {t('errorSummaryTitle')}
      </h2>
      <ul>
        {problems.map(({ field, message }) => (
          <li key={`${field}:${message}`}>
            <a href={`#${field}`} onClick={(event) => toField(event, field)}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
