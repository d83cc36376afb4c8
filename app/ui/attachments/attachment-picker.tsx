'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type ChangeEvent, type DragEvent } from 'react';
import { flushSync } from 'react-dom';
import { useLocale, useTranslations } from 'next-intl';
import { FILES_FIELD, UPLOAD_FIELD } from '@/lib/attachments/fields';
import type { KeptUpload } from '@/lib/attachments/receipt';
import { checkFile, cleanFileName, pastedFileName, type AttachmentRules } from '@/lib/attachments/rules';
import { FieldErrors } from '../forms/field-errors';
import formStyles from '../forms/forms.module.css';
import { formatSize } from './file-words';
import { PickedFile, type Item } from './picked-file';
import { failureWords } from './upload-words';
import { uploadFile } from './upload-file';
import styles from './attachments.module.css';

interface AttachmentPickerProps {
  rules: AttachmentRules;
  /** Files the help desk already has for this form (a send that did not go through): attached again, not uploaded again. */
  kept?: KeptUpload[];
  /** The server's words about the files (errors.files of the form's state). */
  errors?: string[];
}

const noSubscription = () => () => {};

/**
 * The files of a new request or a reply. Without JavaScript it is a plain `<input type="file"
 * multiple>` in the form, posted with it to the form's route (app/requests/form-post.ts), and the
 * files kept from an earlier attempt are checkboxes, ticked. With JavaScript each file chosen,
 * dropped or pasted is checked with the same rules as the server's (lib/attachments/rules.ts) and
 * uploaded at once (app/requests/uploads/route.ts), listed with its size, progress and a Remove
 * button; the form then carries only the seals (hidden inputs), never a file's bytes, so the
 * server action's body stays small. After a send that did not go through, the list stays as it was.
 */
export function AttachmentPicker({ rules, kept, errors }: AttachmentPickerProps) {
  const t = useTranslations();
  const locale = useLocale();
  // False on the server and while hydrating, true once this runs in the browser.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const [items, setItems] = useState<Item[]>(() => (kept ?? []).map((upload) => ({ key: upload.seal, name: upload.fileName, size: upload.size, status: 'done', progress: 1, seal: upload.seal })));
  const [refusals, setRefusals] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const aborts = useRef(new Map<string, () => void>());
  const latest = useRef<{ items: Item[]; add: (files: File[], pasted: boolean) => void; wait: string }>({ items, add: () => {}, wait: '' });

  // A new answer from the server (a send that did not go through): files it no longer takes
  // (a seal that ran out) leave the list; everything else stays as the customer left it.
  const [answered, setAnswered] = useState(kept);
  if (kept !== answered) {
    setAnswered(kept);
    if (kept) {
      const still = new Set(kept.map((upload) => upload.seal));
      setItems((current) => current.filter((item) => item.status !== 'done' || still.has(item.seal ?? '')));
    }
  }

  const update = (key: string, change: Partial<Item>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = (key: string, file: File, name: string) => {
    const { done, abort } = uploadFile(file, name, (progress) => update(key, { progress }));
    aborts.current.set(key, abort);
    void done.then((answer) => {
      aborts.current.delete(key);
      if (answer.ok) {
        update(key, { status: 'done', progress: 1, seal: answer.upload.seal, name: answer.upload.fileName, size: answer.upload.size, file: undefined });
        setAnnouncement(t('attachments.announceUploaded', { name: answer.upload.fileName }));
      } else if (answer.code !== 'aborted') {
        const message = failureWords(t, locale, name, answer);
        update(key, { status: 'failed', message, retryable: !answer.issue || answer.issue.code === 'upload_failed' || answer.issue.code === 'incomplete' });
        setAnnouncement(message);
      }
    });
  };

  const add = (files: File[], pasted: boolean) => {
    const problems: string[] = [];
    const added: Item[] = [];
    let count = latest.current.items.filter((item) => item.status !== 'failed').length;
    for (const file of files) {
      const name = pasted ? pastedFileName(file.name, file.type, new Date()) : cleanFileName(file.name);
      const problem = checkFile(rules, { name, size: file.size }, count);
      if (problem) {
        problems.push(failureWords(t, locale, name, { ok: false, code: problem.code, message: null, issue: { ...problem, fileName: name } }));
        continue;
      }
      count += 1;
      added.push({ key: crypto.randomUUID(), name, size: file.size, status: 'uploading', progress: 0, file });
    }
    setRefusals(problems);
    setItems((current) => [...current, ...added]);
    for (const item of added) start(item.key, item.file!, item.name);
  };

  const remove = (key: string) => {
    aborts.current.get(key)?.();
    const index = items.findIndex((item) => item.key === key);
    const removed = items[index];
    const next = items[index + 1] ?? items[index - 1];
    flushSync(() => setItems((current) => current.filter((item) => item.key !== key)));
    // Focus stays in the list (the next file's Remove), or goes back to choosing files.
    (next ? buttons.current.get(next.key) : inputRef.current)?.focus();
    if (removed) setAnnouncement(t('attachments.announceRemoved', { name: removed.name }));
  };

  const retry = (key: string) => {
    const item = items.find((candidate) => candidate.key === key);
    if (!item?.file) return;
    update(key, { status: 'uploading', progress: 0, message: undefined });
    start(key, item.file, item.name);
  };

  useEffect(() => {
    latest.current = { items, add, wait: items.some((item) => item.status === 'uploading') ? t('attachments.waitForUploads') : t('attachments.resolveFailed') };
  });

  // The form's own events: no send while a file is still on its way or was not taken, and a
  // screenshot pasted anywhere in the form is attached.
  useEffect(() => {
    const form = rootRef.current?.closest('form');
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      if (!latest.current.items.some((item) => item.status !== 'done')) return;
      event.preventDefault();
      setRefusals([latest.current.wait]);
    };
    const onPaste = (event: ClipboardEvent) => {
      const data = event.clipboardData;
      // Text copied with a picture of itself (a spreadsheet, a web page) is pasted as text.
      if (!data || data.files.length === 0 || data.types.includes('text/plain')) return;
      event.preventDefault();
      latest.current.add([...data.files], true);
    };
    form.addEventListener('submit', onSubmit);
    form.addEventListener('paste', onPaste);
    return () => {
      form.removeEventListener('submit', onSubmit);
      form.removeEventListener('paste', onPaste);
    };
  }, []);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    if (!enhanced) return;
    add([...(event.target.files ?? [])], false);
    // The files are uploaded; the form must not carry them again.
    event.target.value = '';
  };
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!enhanced || !hasFiles(event)) return;
    event.preventDefault();
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!enhanced || !hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    add([...event.dataTransfer.files], false);
  };

  const shownErrors = [...(errors ?? []), ...refusals];
  return (
    <div ref={rootRef} className={`${formStyles.field} ${styles.picker} ${dragging ? styles.dragging : ''}`} onDragOver={onDragOver} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <label htmlFor={FILES_FIELD} className={formStyles.label}>
        {t('attachments.label')}
      </label>
      <p id={`${FILES_FIELD}-hint`} className={formStyles.hint}>
        {t('attachments.hint', { maxFiles: rules.maxFiles, maxSize: formatSize(rules.maxBytes, locale) })}
        {enhanced ? ` ${t('attachments.dropHint')}` : null}
      </p>
      <input
        ref={inputRef}
        id={FILES_FIELD}
        type="file"
        multiple
        name={enhanced ? undefined : FILES_FIELD}
        className={styles.input}
        aria-describedby={`${FILES_FIELD}-hint ${FILES_FIELD}-errors`}
        aria-invalid={shownErrors.length > 0 ? true : undefined}
        onChange={onChange}
      />
      <FieldErrors id={`${FILES_FIELD}-errors`} errors={shownErrors.length > 0 ? shownErrors : undefined} />
      {items.length > 0 ? (
        <ul className={styles.list} aria-label={t('attachments.listLabel')}>
          {items.map((item) => (
            <PickedFile key={item.key} item={item} enhanced={enhanced} field={UPLOAD_FIELD} onRemove={remove} onRetry={retry} buttonRef={(button) => void (button ? buttons.current.set(item.key, button) : buttons.current.delete(item.key))} />
          ))}
        </ul>
      ) : null}
      {/* Announced, not shown: a file ready or removed. A live region without the status role, so the
          page's own status messages stay the only ones. */}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
