'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { TextField } from '../ui/forms/field';
import { ErrorSummary } from '../ui/forms/error-summary';
import { FormMessage } from '../ui/forms/form-message';
import styles from '../ui/forms/forms.module.css';
import { SubmitButton } from '../ui/forms/submit-button';
import { useFormState } from '../ui/forms/use-form-state';
import { logIn, type LoginState } from './actions';

export function LoginForm({ next, permalink, emailLinkHref }: { next: string; permalink: string; emailLinkHref: string | null }) {
  const t = useTranslations('login');
  const [state, formAction] = useFormState<LoginState>(logIn, permalink);
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className={styles.form} noValidate>
      <ErrorSummary errors={state.errors} fields={['email', 'password']} />
      <FormMessage message={state.message} />
      {/* Held back after too many failures: not a dead end when a link can be mailed instead. */}
      {state.lockedOut && emailLinkHref ? (
        <p>
          <Link href={emailLinkHref}>{t('lockedOutEmailLink')}</Link>
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <TextField
        name="email"
        label={t('email')}
        type="email"
        autoComplete="username"
        inputMode="email"
        errors={errors.email}
        defaultValue={state.values?.email ?? ''}
      />
      {/* Never given back: a failed attempt keeps the email only. */}
      <TextField name="password" label={t('password')} type="password" autoComplete="current-password" errors={errors.password} />
      <div className={styles.actions}>
        <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
