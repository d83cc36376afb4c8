'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import type { AttachmentRules } from '@/lib/attachments/rules';
import { AttachmentPicker } from '../../ui/attachments/attachment-picker';
import { CcField } from '../../ui/forms/cc-field';
import { DraftRestored } from '../../ui/forms/draft-restored';
import { TextAreaField } from '../../ui/forms/field';
import styles from '../../ui/forms/forms.module.css';
import { ErrorSummary } from '../../ui/forms/error-summary';
import { FormMessage } from '../../ui/forms/form-message';
import { FormTokenInput } from '../../ui/forms/form-token-input';
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
  /** Offer "Mark as solved" (the help desk lets this customer solve this request now). */
  canSolve?: boolean;
  /** What may be attached; null when the help desk takes no files. */
  attachments: AttachmentRules | null;
  /** The state a send without JavaScript came back with (app/requests/form-post.ts). */
  initialState?: ReplyState;
  /** How many people may be copied in; null where the help desk takes no CCs. */
  ccMax?: number | null;
}

const noSubscription = () => () => {};

/** Whether the reply box holds more than spaces. */
function hasReply(form: HTMLFormElement | null): boolean {
  const body = form?.elements.namedItem('body');
  return body instanceof HTMLTextAreaElement && body.value.trim() !== '';
}

export function ReplyForm({ requestId, hint, token, draftStorageKey, justSent, canSolve = false, attachments, initialState, ccMax = null }: ReplyFormProps) {
  const t = useTranslations('request');
  const [state, formAction] = useFormState<ReplyState>(sendReply, `/requests/${requestId}/send`, initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useDraft(formRef, {
    storageKey: draftStorageKey,
    fields: ['body', 'ccs'],
    hasServerValues: Boolean(state.values),
    accepted: justSent === undefined ? undefined : { body: justSent },
  });
  const { tooLong, onSubmit } = useOversizeGuard(['body']);
  const message = tooLong ?? state.message;
  const errors = state.errors ?? {};
  // "Mark as solved" or "… and send": the button says what it will do with the text in the box.
  const [hasText, setHasText] = useState(Boolean(state.values?.body.trim()));
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const readText = () => setHasText(hasReply(formRef.current));
  useEffect(() => {
    // A restored draft is put into the box without an input event.
    setHasText(hasReply(formRef.current));
  }, [draft.restoredAt]);
  return (
    <form
      ref={formRef}
      action={formAction}
      className={styles.form}
      noValidate
      onSubmit={onSubmit}
      onInput={canSolve ? readText : undefined}
    >
      <ErrorSummary errors={state.errors} fields={['body', 'ccs', 'files']} />
      <FormMessage message={message} signInHref={tooLong ? undefined : state.signInHref} />
      <DraftRestored
        restoredAt={draft.restoredAt}
        onDiscard={() => {
          draft.discard();
          setHasText(false);
        }}
      />
      <input type="hidden" name="requestId" value={requestId} />
      <FormTokenInput token={state.token ?? draft.restoredToken ?? token} />
      <TextAreaField name="body" label={t('reply')} hint={hint} errors={errors.body} rows={5} defaultValue={state.values?.body ?? ''} />
      {ccMax !== null ? <CcField max={ccMax} errors={errors.ccs} defaultValue={state.values?.ccs ?? ''} /> : null}
      {attachments ? <AttachmentPicker rules={attachments} kept={state.uploads} errors={errors.files} /> : null}
      <div className={styles.actions}>
        <SubmitButton name="intent" value="reply" pendingText={t('pending')}>
          {t('send')}
        </SubmitButton>
        {canSolve ? (
          <>
            <SubmitButton name="intent" value="solve" pendingText={t('solvePending')} quiet>
              {hasText ? t('solveAndSend') : t('solve')}
            </SubmitButton>
            {/* Without JavaScript the button's words cannot follow the box: say what it does with a
                reply. Rendered by the server, gone once the page runs (not <noscript>, which a
                browser with scripting turned off by policy may not show either). */}
            {scripted ? null : <p className={styles.actionNote}>{t('solveNoScript')}</p>}
          </>
        ) : null}
      </div>
    </form>
  );
}
