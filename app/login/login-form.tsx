'use client';

import { FieldErrors } from '../ui/forms/field-errors';
import styles from '../ui/forms/forms.module.css';
import { Notice } from '../ui/notice';
import { SubmitButton } from '../ui/forms/submit-button';
import { useFormState } from '../ui/forms/use-form-state';
import { logIn, type LoginState } from './actions';

export function LoginForm({ next, permalink }: { next: string; permalink: string }) {
  const [state, formAction] = useFormState<LoginState>(logIn, permalink);
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className={styles.form} noValidate>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="next" value={next} />
      <div className={styles.field}>
        <label htmlFor="email" className={styles.label}>
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          className={styles.input}
          defaultValue={state.values?.email ?? ''}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby="email-errors"
        />
        <FieldErrors id="email-errors" errors={errors.email} />
      </div>
      <div className={styles.field}>
        <label htmlFor="password" className={styles.label}>
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={styles.input}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby="password-errors"
        />
        <FieldErrors id="password-errors" errors={errors.password} />
      </div>
      <div className={styles.actions}>
        <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
      </div>
    </form>
  );
}
