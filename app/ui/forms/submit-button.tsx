'use client';

import { useFormStatus } from 'react-dom';
import styles from './forms.module.css';

/**
 * The only JavaScript a form needs: while the action runs, the button says so and cannot be
 * pressed again. Without JavaScript the form still submits; it just doesn't animate.
 */
export function SubmitButton({ children, pendingText }: { children: string; pendingText: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={styles.primary} aria-disabled={pending} disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}
