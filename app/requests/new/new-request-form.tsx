'use client';

import { useRef } from 'react';
import { useTranslations } from 'next-intl';
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
  /** The page the form is on (with its `?followUp=`): where it posts without JavaScript. */
  permalink: string;
  /** The closed request this one follows up, named by number and title. */
  followUp?: { id: string; title: string };
}

export function NewRequestForm({ token, draftStorageKey, permalink, followUp }: NewRequestFormProps) {
  const t = useTranslations('newRequest');
  const [state, formAction] = useFormState<NewRequestState>(submitRequest, permalink);
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
      <ErrorSummary errors={state.errors} fields={['subject', 'description']} />
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
      <div className={styles.actions}>
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
