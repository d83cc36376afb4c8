'use client';

import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { AttachmentRules } from '@/lib/attachments/rules';
import { AttachmentPicker } from '../../ui/attachments/attachment-picker';
import { CcField } from '../../ui/forms/cc-field';
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
import { RequestLink } from '../request-link';
import { submitRequest, type NewRequestState } from './actions';

interface NewRequestFormProps {
  token: string;
  draftStorageKey: string;
  /** The closed request this one follows up, named by number and title. */
  followUp?: { id: string; title: string };
  /** What may be attached; null when the help desk takes no files. */
  attachments: AttachmentRules | null;
  /** The state a send without JavaScript came back with (app/requests/form-post.ts). */
  initialState?: NewRequestState;
  /** How many people may be copied in; null where the help desk takes no CCs. */
  ccMax?: number | null;
}

export function NewRequestForm({ token, draftStorageKey, followUp, attachments, initialState, ccMax = null }: NewRequestFormProps) {
  const t = useTranslations('newRequest');
  // Without JavaScript the form posts to its own route, files and all; a follow-up's link travels
  // in its hidden field, and the route sends a form that did not go through back to this page.
  const [state, formAction] = useFormState<NewRequestState>(submitRequest, '/requests/new/send', initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useDraft(formRef, { storageKey: draftStorageKey, fields: ['subject', 'description', 'ccs'], hasServerValues: Boolean(state.values) });
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
      <ErrorSummary errors={state.errors} fields={['subject', 'description', 'ccs', 'files']} />
      <FormMessage message={message} signInHref={tooLong ? undefined : state.signInHref} />
      <DraftRestored restoredAt={draft.restoredAt} onDiscard={draft.discard} />
      <FormTokenInput token={state.token ?? draft.restoredToken ?? token} />
      {followUp ? (
        <>
          {/* The link travels with every attempt, so an error never loses it. */}
          <input type="hidden" name="followUpOf" value={followUp.id} />
          <p className={styles.followUp}>
            {t.rich('followUpLead', {
              id: followUp.id,
              title: followUp.title,
              link: (chunks) => <RequestLink id={followUp.id}>{chunks}</RequestLink>,
              subject: (chunks) => <bdi>{chunks}</bdi>,
            })}
          </p>
        </>
      ) : null}
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
      {ccMax !== null ? <CcField max={ccMax} errors={errors.ccs} defaultValue={state.values?.ccs ?? ''} /> : null}
      {attachments ? <AttachmentPicker rules={attachments} kept={state.uploads} errors={errors.files} /> : null}
      <div className={styles.actions}>
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
