'use client';

import { useActionState } from 'react';
import { FieldErrors } from '../../ui/field-errors';
import styles from '../../ui/forms.module.css';
import { Notice } from '../../ui/notice';
import { SubmitButton } from '../../ui/submit-button';
import { submitRequest, type NewRequestState } from './actions';

export function NewRequestForm() {
  const [state, formAction] = useActionState<NewRequestState, FormData>(submitRequest, {});
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className={styles.form} noValidate>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      <div className={styles.field}>
        <label htmlFor="subject" className={styles.label}>
          Subject
        </label>
        <input
          id="subject"
          name="subject"
          className={styles.input}
          required
          defaultValue={state.values?.subject ?? ''}
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby="subject-hint subject-errors"
        />
        <p id="subject-hint" className={styles.hint}>
          A few words that sum it up.
        </p>
        <FieldErrors id="subject-errors" errors={errors.subject} />
      </div>
      <div className={styles.field}>
        <label htmlFor="description" className={styles.label}>
          Description
        </label>
        <textarea
          id="description"
          name="description"
          className={styles.textarea}
          rows={8}
          required
          defaultValue={state.values?.description ?? ''}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby="description-hint description-errors"
        />
        <p id="description-hint" className={styles.hint}>
          What happened, what you expected, and anything you’ve already tried.
        </p>
        <FieldErrors id="description-errors" errors={errors.description} />
      </div>
      <div className={styles.actions}>
        <SubmitButton pendingText="Submitting…">Submit request</SubmitButton>
      </div>
    </form>
  );
}
