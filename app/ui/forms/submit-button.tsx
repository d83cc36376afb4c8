'use client';

import { useFormStatus } from 'react-dom';
import styles from './forms.module.css';

/**
 * The only JavaScript a form needs: while the action runs, the button says so and cannot be
 * pressed again. Without JavaScript the form still submits; it just doesn't animate.
 *
 * A form with two buttons names each (`name`, `value`: the browser sends the pressed one's): both
 * wait while it runs, and only the one pressed says what is happening.
 */
export function SubmitButton({
  children,
  pendingText,
  name,
  value,
  quiet = false,
}: {
  children: string;
  pendingText: string;
  name?: string;
  value?: string;
  /** The form's second choice: outlined rather than filled. */
  quiet?: boolean;
}) {
  const { pending, data } = useFormStatus();
  const pressed = pending && (name === undefined || data?.get(name) === value);
  return (
    <button type="submit" name={name} value={value} className={quiet ? styles.quiet : styles.primary} aria-disabled={pending} disabled={pending}>
      {pressed ? pendingText : children}
    </button>
  );
}
