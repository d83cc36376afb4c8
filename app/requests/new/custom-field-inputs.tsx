'use client';

import { useTranslations } from 'next-intl';
import { fieldName } from '@/lib/forms/custom-fields';
import type { RequestField } from '@/lib/helpdesk/types';
import { FieldErrors } from '../../ui/forms/field-errors';
import styles from '../../ui/forms/forms.module.css';

/**
 * The help desk's own fields on the new-request form, in its order, each a native control (so it
 * works without JavaScript): text, multi-line, checkbox, drop-down, multi-select (checkboxes),
 * date, whole number, number, text with the help desk's pattern. Required ones say so; the help
 * desk's description is the hint; a kept value (after an error, or a draft) wins over the default.
 */
export function CustomFieldInputs({ fields, values, errors }: { fields: RequestField[]; values?: Record<string, string | string[]>; errors: Record<string, string[] | undefined> }) {
  const t = useTranslations('newRequest');
  return fields.map((field) => {
    const name = fieldName(field);
    const fieldErrors = errors[name];
    const kept = values?.[name];
    const hintId = `${name}-hint`;
    const errorsId = `${name}-errors`;
    const hint = field.type === 'date' ? [field.description, t('dateHint')].filter(Boolean).join(' ') : field.description;
    const described = hint ? `${hintId} ${errorsId}` : errorsId;
    const label = (
      <>
        <bdi>{field.title}</bdi>
        {field.required ? <span className={styles.required}> {t('required')}</span> : null}
      </>
    );
    const hintNode = hint ? (
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
    ) : null;
    const invalid = fieldErrors ? true : undefined;

    if (field.type === 'multiselect') {
      const checked = new Set(kept === undefined ? field.defaults : Array.isArray(kept) ? kept : [kept]);
      return (
        <fieldset key={field.id} id={name} className={`${styles.field} ${styles.choices}`} aria-describedby={described} aria-invalid={invalid} tabIndex={-1}>
          <legend className={styles.label}>{label}</legend>
          {hintNode}
          {field.options.map((option) => (
            <label key={option.value} className={styles.choice}>
              <input type="checkbox" name={name} value={option.value} defaultChecked={checked.has(option.value)} />
              <bdi>{option.label}</bdi>
            </label>
          ))}
          <FieldErrors id={errorsId} errors={fieldErrors} />
        </fieldset>
      );
    }
    if (field.type === 'checkbox') {
      return (
        <div key={field.id} className={styles.field}>
          <label className={styles.choice}>
            <input type="checkbox" id={name} name={name} value="true" defaultChecked={kept === 'true'} aria-describedby={described} aria-invalid={invalid} />
            <span>{label}</span>
          </label>
          {hintNode}
          <FieldErrors id={errorsId} errors={fieldErrors} />
        </div>
      );
    }
    const text = typeof kept === 'string' ? kept : field.type === 'dropdown' ? (field.defaults[0] ?? '') : '';
    const common = { id: name, name, 'aria-describedby': described, 'aria-invalid': invalid, required: field.required, defaultValue: text };
    let control;
    if (field.type === 'dropdown') {
      control = (
        <select {...common} className={styles.select}>
          <option value="">{t('choose')}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    } else if (field.type === 'textarea') {
      control = <textarea {...common} rows={4} className={styles.textarea} />;
    } else {
      const kind =
        field.type === 'date'
          ? { type: 'date' }
          : field.type === 'integer'
            ? { type: 'text', inputMode: 'numeric' as const }
            : field.type === 'decimal'
              ? { type: 'text', inputMode: 'decimal' as const }
              : { type: 'text' };
      control = <input {...common} {...kind} className={styles.input} />;
    }
    return (
      <div key={field.id} className={styles.field}>
        <label htmlFor={name} className={styles.label}>
          {label}
        </label>
        {hintNode}
        {control}
        <FieldErrors id={errorsId} errors={fieldErrors} />
      </div>
    );
  });
}
