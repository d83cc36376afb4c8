'use client';

import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { formatSize } from './file-words';
import styles from './attachments.module.css';

/** One file of a form's list, as the picker tracks it. */
export interface Item {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  /** Once the help desk has it: what the form sends in its place. */
  seal?: string;
  /** While it may still need uploading (again). */
  file?: File;
  /** Why it failed, in words. */
  message?: string;
  /** Sending the same file again may work (the help desk or the network failed, not a rule). */
  retryable?: boolean;
}

interface PickedFileProps {
  item: Item;
  enhanced: boolean;
  /** The form field its seal travels in. */
  field: string;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
  buttonRef: (button: HTMLButtonElement | null) => void;
}

/**
 * A chosen file: its name and size, and how its upload stands. With JavaScript, a Remove button
 * (its accessible name says which file) and the seal in a hidden input; without, a ticked checkbox
 * (the file goes with the form unless it is unticked).
 */
export function PickedFile({ item, enhanced, field, onRemove, onRetry, buttonRef }: PickedFileProps) {
  const t = useTranslations('attachments');
  const locale = useLocale();
  const size = formatSize(item.size, locale);
  const hidden = (chunks: ReactNode) => <span className="visually-hidden">{chunks}</span>;
  if (!enhanced) {
    // Before JavaScript (or without it) only files the help desk already has are listed.
    const id = `kept-${item.key.slice(-12).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    return (
      <li className={styles.item}>
        <input type="checkbox" id={id} name={field} value={item.seal} defaultChecked className={styles.keep} />
        <label htmlFor={id} dir="auto">
          {t('keep', { name: item.name, size })}
        </label>
      </li>
    );
  }
  return (
    <li className={`${styles.item} ${item.status === 'failed' ? styles.failed : ''}`}>
      {item.status === 'done' && item.seal ? <input type="hidden" name={field} value={item.seal} /> : null}
      <span className={styles.name} dir="auto">
        {item.name}
      </span>
      <span className={styles.size}>{size}</span>
      <span className={styles.status}>
        {item.status === 'uploading' ? (
          <>
            <progress max={1} value={item.progress} className={styles.progress} aria-hidden="true" />
            {t('uploading', { progress: item.progress })}
          </>
        ) : item.status === 'done' ? (
          t('uploaded')
        ) : (
          t('failed')
        )}
      </span>
      <span className={styles.actions}>
        {item.status === 'failed' && item.retryable && item.file ? (
          <button type="button" className={styles.button} onClick={() => onRetry(item.key)}>
            {t.rich('retry', { name: item.name, hidden })}
          </button>
        ) : null}
        <button type="button" ref={buttonRef} className={styles.button} onClick={() => onRemove(item.key)}>
          {t.rich('remove', { name: item.name, hidden })}
        </button>
      </span>
      {item.message ? <p className={styles.message}>{item.message}</p> : null}
    </li>
  );
}
