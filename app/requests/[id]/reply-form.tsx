'use client';

import { useActionState } from 'react';
import { FieldErrors } from '../../ui/field-errors';
import styles from '../../ui/forms.module.css';
import { Notice } from '../../ui/notice';
import { SubmitButton } from '../../ui/submit-button';
import { sendReply, type ReplyState } from './actions';

export function ReplyForm({ requestId, hint }: { requestId: string; hint?: string }) {
  const [state, formAction] = useActionState<ReplyState, FormData>(sendReply, {});
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className={styles.form} noValidate>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="requestId" value={requestId} />
      <div className={styles.field}>
        <label htmlFor="body" className={styles.label}>
          Reply
        </label>
        {hint ? (
          <p id="body-hint" className={styles.hint}>
            {hint}
          </p>
        ) : null}
        <textarea
          id="body"
          name="body"
          className={styles.textarea}
          rows={5}
          required
          defaultValue={state.values?.body ?? ''}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={hint ? 'body-hint body-errors' : 'body-errors'}
        />
        <FieldErrors id="body-errors" errors={errors.body} />
      </div>
      <div className={styles.actions}>
        <SubmitButton pendingText="Sending…">Send reply</SubmitButton>
      </div>
    </form>
  );
}
