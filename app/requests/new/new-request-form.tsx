'use client';

import { useRef } from 'react';
import { FORM_TOKEN_FIELD } from '@/lib/forms/form-token-field';
import { DraftRestored } from '../../ui/forms/draft-restored';
import { FieldErrors } from '../../ui/forms/field-errors';
import styles from '../../ui/forms/forms.module.css';
import { FormMessage } from '../../ui/forms/form-message';
import { useOversizeGuard } from '../../ui/forms/oversize';
import { SubmitButton } from '../../ui/forms/submit-button';
import { useDraft } from '../../ui/forms/use-draft';
import { useFormState } from '../../ui/forms/use-form-state';
import { submitRequest, type NewRequestState } from './actions';

export function NewRequestForm({ token, draftStorageKey }: { token: string; draftStorageKey: string }) {
  const [state, formAction] = useFormState<NewRequestState>(submitRequest, '/requests/new');
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useDraft(formRef, { storageKey: draftStorageKey, fields: ['subject', 'description'], hasServerValues: Boolean(state.values) });
  const { tooLong, onSubmit } = useOversizeGuard(['subject', 'description']);
  const message = tooLong ?? state.message;
  const errors = state.errors ?? {};
  return (
    <form
      ref={formRef}
      action={formAction}
      className={styles.form}
      noValidate
      onSubmit={onSubmit}
    >
      <FormMessage message={message} signInHref={tooLong ? undefined : state.signInHref} />
      <DraftRestored restoredAt={draft.restoredAt} onDiscard={draft.discard} />
      {/* The same token on every retry of this text: the server files it once however often it arrives. */}
      <input type="hidden" name={FORM_TOKEN_FIELD} value={state.token ?? draft.restoredToken ?? token} />
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
