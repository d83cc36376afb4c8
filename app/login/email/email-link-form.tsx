'use client';

import { useTranslations } from 'next-intl';
import { TextField } from '../../ui/forms/field';
import { ErrorSummary } from '../../ui/forms/error-summary';
import { FormMessage } from '../../ui/forms/form-message';
import styles from '../../ui/forms/forms.module.css';
import { SubmitButton } from '../../ui/forms/submit-button';
import { useFormState } from '../../ui/forms/use-form-state';
import { requestEmailLink, type EmailLinkState } from './actions';

/** The one field of "Email me a sign-in link"; on the sign-in page too when it is the only way in. */
export function EmailLinkForm({ next, permalink }: { next: string; permalink: string }) {
  const t = useTranslations('emailLink');
  const [state, formAction] = useFormState<EmailLinkState>(requestEmailLink, permalink);
  return (
    <form action={formAction} className={styles.form} noValidate>
      <ErrorSummary errors={state.errors} fields={['email']} />
      <FormMessage message={state.message} />
      <input type="hidden" name="next" value={next} />
      <TextField
        name="email"
        label={t('email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        errors={state.errors?.email}
        defaultValue={state.values?.email ?? ''}
      />
      <div className={styles.actions}>
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
