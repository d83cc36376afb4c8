import type { InputHTMLAttributes, ReactElement, TextareaHTMLAttributes } from 'react';
import { FieldErrors } from './field-errors';
import styles from './forms.module.css';

/**
 * One labelled field of a form, the same in every form: the label names the control (the e2e page
 * objects and screen readers find it by that name), the hint and the error list are linked from it
 * through aria-describedby, and a field with errors says so with aria-invalid. The id is the field's
 * name, so `#subject` and the label's `for` stay what they always were.
 */
interface FieldOwn {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
}

type Controlled = 'id' | 'name' | 'className' | 'aria-invalid' | 'aria-describedby';

function Field({ name, label, hint, errors, control }: FieldOwn & { control: (described: Pick<InputHTMLAttributes<HTMLElement>, Controlled>) => ReactElement }) {
  const hintId = `${name}-hint`;
  const errorsId = `${name}-errors`;
  return (
    <div className={styles.field}>
      <label htmlFor={name} className={styles.label}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      {control({ id: name, name, 'aria-invalid': errors ? true : undefined, 'aria-describedby': hint ? `${hintId} ${errorsId}` : errorsId })}
      <FieldErrors id={errorsId} errors={errors} />
    </div>
  );
}

/** A one-line field (`type`, `autoComplete`, `defaultValue`… pass through to the input). */
export function TextField({ name, label, hint, errors, ...input }: FieldOwn & Omit<InputHTMLAttributes<HTMLInputElement>, Controlled>) {
  return <Field name={name} label={label} hint={hint} errors={errors} control={(linked) => <input required {...input} {...linked} className={styles.input} />} />;
}

/** A field for longer text (`rows`, `defaultValue`… pass through to the textarea). */
export function TextAreaField({ name, label, hint, errors, ...textarea }: FieldOwn & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Controlled>) {
  return <Field name={name} label={label} hint={hint} errors={errors} control={(linked) => <textarea required {...textarea} {...linked} className={styles.textarea} />} />;
}
