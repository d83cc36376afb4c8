'use client';

import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { AttachmentRules } from '@/lib/attachments/rules';
import { AttachmentPicker } from '../../ui/attachments/attachment-picker';
import { DraftRestored } from '../../ui/forms/draft-restored';
import { TextAreaField, TextField } from '../../ui/forms/field';
import styles from '../../ui/forms/forms.module.css';
import { ErrorSummary } from '../../ui/forms/error-summary';
import { FormMessage } from '../../ui/forms/form-message';
import { FormTokenInput } from '../../ui/forms/form-token-input';
import { useOversizeGuard } from '../../ui/forms/oversize';
import { SubmitButton } from '../../ui/forms/submit-button';
import { useDraft } from '../../ui/forms/use-draft';
import { useFormState } from '../../ui/forms/use-form-state';
import { submitRequest, type NewRequestState } from './actions';

interface NewRequestFormProps {
  token: string;
  draftStorageKey: string;
  /** What may be attached; null when the help desk takes no files. */
  attachments: AttachmentRules | null;
  /** The state a send without JavaScript came back with (app/requests/form-post.ts). */
  initialState?: NewRequestState;
}

export function NewRequestForm({ token, draftStorageKey, attachments, initialState }: NewRequestFormProps) {
  const t = useTranslations('newRequest');
  const [state, formAction] = useFormState<NewRequestState>(submitRequest, '/requests/new/send', initialState);
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
      <ErrorSummary errors={state.errors} fields={['subject', 'description', 'files']} />
      <FormMessage message={message} signInHref={tooLong ? undefined : state.signInHref} />
      <DraftRestored restoredAt={draft.restoredAt} onDiscard={draft.discard} />
      <FormTokenInput token={state.token ?? draft.restoredToken ?? token} />
      <TextField
        name="subject"
        label={t('subject')}
        hint={t('subjectHint')}
        errors={errors.subject}
        defaultValue={state.values?.subject ?? ''}
      />
      <TextAreaField
        name="description"
        label={t('description')}
        hint={t('descriptionHint')}
        errors={errors.description}
        rows={8}
        defaultValue={state.values?.description ?? ''}
      />
      {attachments ? <AttachmentPicker rules={attachments} kept={state.uploads} errors={errors.files} /> : null}
      <div className={styles.actions}>
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
