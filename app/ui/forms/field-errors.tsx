import styles from './forms.module.css';

/**
 * A field's messages, announced politely by screen readers and linked from the input through
 * aria-describedby, so the reason is read out where the user is.
 */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" aria-atomic="true" className={styles.fieldErrors}>
      {errors?.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
