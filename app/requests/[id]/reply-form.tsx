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
import { sendReply, type ReplyState } from './actions';

interface ReplyFormProps {
  requestId: string;
  hint?: string;
  token: string;
  draftStorageKey: string;
  /** The reply the help desk just accepted, if any: a draft with that text is done with. */
  justSent?: string;
}

export function ReplyForm({ requestId, hint, token, draftStorageKey, justSent }: ReplyFormProps) {
  const [state, formAction] = useFormState<ReplyState>(sendReply, `/requests/${requestId}`);
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useDraft(formRef, {
    storageKey: draftStorageKey,
    fields: ['body'],
    hasServerValues: Boolean(state.values),
    accepted: justSent === undefined ? undefined : { body: justSent },
  });
  const { tooLong, onSubmit } = useOversizeGuard(['body']);
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
      <input type="hidden" name="requestId" value={requestId} />
      {/* The same token on every retry of this text: the server adds it once however often it arrives. */}
      <input type="hidden" name={FORM_TOKEN_FIELD} value={state.token ?? draft.restoredToken ?? token} />
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
