'use client';

import { useRef, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { fieldComplaints, fieldName, readFieldValues } from '@/lib/forms/custom-fields';
import { readFieldIssue } from '@/lib/forms/field-issue';
import type { RequestField } from '@/lib/helpdesk/types';
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
import { CustomFieldInputs } from './custom-field-inputs';

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
  /** The help desk's own fields on this form, in its order (none: just subject and description). */
  fields?: RequestField[];
  /** The request form chosen among several, with where to choose another. */
  ticketForm?: { name: string; changeHref: string };
  /** The chosen (or only) request form's id, sent with every attempt. */
  ticketFormId?: string | null;
}

export function NewRequestForm({ token, draftStorageKey, followUp, attachments, initialState, fields = [], ticketForm, ticketFormId = null, ccMax = null }: NewRequestFormProps) {
  const t = useTranslations('newRequest');
  const tFields = useTranslations('fields');
  const customNames = fields.map(fieldName);
  // The help desk's rules checked here first (lib/forms/custom-fields.ts), the same the server checks again.
  const [checked, setChecked] = useState<{ errors: Record<string, string[]> } | null>(null);
  // Without JavaScript the form posts to its own route, files and all; a follow-up's link travels
  // in its hidden field, and the route sends a form that did not go through back to this page.
  const [state, formAction] = useFormState<NewRequestState>(submitRequest, '/requests/new/send', initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useDraft(formRef, { storageKey: draftStorageKey, fields: ['subject', 'description', 'ccs', ...customNames], hasServerValues: Boolean(state.values) });
  const { tooLong, onSubmit: guardSize } = useOversizeGuard(['subject', 'description']);
  const message = tooLong ?? state.message;
  // A newer answer from the server replaces the browser's own check.
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    setChecked(null);
  }
  const errors = checked ? { ...(state.errors ?? {}), ...Object.fromEntries(customNames.map((n) => [n, checked.errors[n]])) } : (state.errors ?? {});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (fields.length > 0) {
      const complaints = fieldComplaints(fields, readFieldValues(new FormData(event.currentTarget), fields));
      const words = Object.fromEntries(
        Object.entries(complaints).map(([name, issues]) => [name, issues.map((m) => {
          const { code, params } = readFieldIssue(m);
          return tFields(code as 'invalid', params as Record<string, string>);
        })]),
      );
      setChecked({ errors: words });
      if (Object.keys(words).length > 0) {
        event.preventDefault();
        return;
      }
    }
    guardSize(event);
  };
  return (
    <form
      ref={formRef}
      action={formAction}
      className={styles.form}
      noValidate
      onSubmit={onSubmit}
    >
      <ErrorSummary errors={checked ? errors : state.errors} fields={['subject', 'description', 'ccs', ...customNames, 'files']} />
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
      {ticketFormId ? <input type="hidden" name="ticketFormId" value={ticketFormId} /> : null}
      {ticketForm ? (
        <p className={styles.followUp}>
          {t('formChosen', { name: ticketForm.name })}{' '}
          <Link href={ticketForm.changeHref} prefetch={false}>
            {t('changeForm')}
          </Link>
        </p>
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
      {/* Made anew for each answer from the server: React resets a form after its action, and a
          select or checkbox would go back to how it was first drawn, not to what was kept. */}
      <CustomFieldInputs key={JSON.stringify(state.values?.fields ?? null)} fields={fields} values={state.values?.fields} errors={errors} />
      {ccMax !== null ? <CcField max={ccMax} errors={errors.ccs} defaultValue={state.values?.ccs ?? ''} /> : null}
      {attachments ? <AttachmentPicker rules={attachments} kept={state.uploads} errors={errors.files} /> : null}
      <div className={styles.actions}>
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
