'use client';

import { useTranslations } from 'next-intl';
import { TextField } from './field';

/**
 * The people to copy in (CCs): one optional box of email addresses, on the new-request and reply
 * forms where the help desk takes CCs. Checked on the server (lib/forms/cc-input.ts); after an
 * error the box keeps what was typed, like every field.
 */
export function CcField({ max, errors, defaultValue }: { max: number; errors?: string[]; defaultValue: string }) {
  const t = useTranslations('ccs');
  return (
    <TextField
      name="ccs"
      label={t('label')}
      hint={t('hint', { max })}
      errors={errors}
      defaultValue={defaultValue}
      required={false}
      inputMode="email"
      autoComplete="off"
      spellCheck={false}
    />
  );
}
