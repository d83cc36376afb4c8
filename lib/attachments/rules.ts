/**
 * What a customer may attach, decided in one place: the browser checks each file with these rules
 * before uploading it (app/ui/attachments/), and the server checks again before reading a byte of
 * it (the upload route, the no-JavaScript form routes). No dependencies, so client components
 * import it too; the limits themselves come from the configuration (lib/platform/config.ts), handed
 * to the browser by the page.
 */

export interface AttachmentRules {
  /** Bytes one file may have (ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
  /** Files one message (a new request, a reply) may carry (ATTACHMENT_MAX_FILES). */
  maxFiles: number;
  /** Extensions refused, lower case, without the dot (ATTACHMENT_BLOCKED_EXTENSIONS). */
  blockedExtensions: readonly string[];
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10;

/**
 * Programs and scripts a double click runs (Windows, macOS, Linux, Android, Java) and the shortcuts
 * and registry files that run one: what a help desk agent must never open from a customer.
 */
export const DEFAULT_BLOCKED_EXTENSIONS: readonly string[] = [
  'exe', 'bat', 'cmd', 'com', 'msi', 'msp', 'scr', 'pif', 'cpl', 'lnk', 'reg', 'hta', 'inf', 'msc',
  'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'wsf', 'wsh', 'jar', 'sh', 'bash', 'zsh', 'csh',
  'ksh', 'command', 'dll', 'sys', 'apk', 'app', 'ipa', 'dmg', 'pkg', 'deb', 'rpm', 'run',
];

/**
 * ATTACHMENT_BLOCKED_EXTENSIONS: extensions separated by commas (or spaces), with or without the
 * dot, replacing the default list; `none` refuses no type; unset or empty keeps the default.
 */
export function parseBlockedExtensions(value: string | undefined): { ok: true; extensions: string[] } | { ok: false; problem: string } {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return { ok: true, extensions: [...DEFAULT_BLOCKED_EXTENSIONS] };
  if (trimmed.toLowerCase() === 'none') return { ok: true, extensions: [] };
  const extensions: string[] = [];
  for (const item of trimmed.split(/[\s,]+/).filter(Boolean)) {
    const extension = item.replace(/^\./, '').toLowerCase();
    if (!/^[a-z0-9_+-]{1,20}$/.test(extension)) return { ok: false, problem: `has "${item}", which is not a file extension (e.g. .exe or exe; separate them with commas)` };
    if (!extensions.includes(extension)) extensions.push(extension);
  }
  return { ok: true, extensions };
}

/** The longest file name kept, in UTF-16 code units (file systems allow about 255). */
export const MAX_FILE_NAME = 200;

/** Why a file cannot be attached; the UI says it in the customer's words, naming the file. */
export type FileProblem =
  | { code: 'too_large'; maxBytes: number }
  | { code: 'blocked_type'; extension: string }
  | { code: 'empty' }
  | { code: 'too_many'; maxFiles: number };

/**
 * The extension a system would go by, lower case, without the dot; empty when there is none.
 * Windows ignores trailing dots and spaces (`report.exe.` runs as `report.exe`), so they are too.
 */
export function extensionOf(fileName: string): string {
  const trimmed = fileName.replace(/[.\s]+$/u, '');
  const dot = trimmed.lastIndexOf('.');
  // A name that is only an extension (`.exe`) counts as one: refusing it costs nothing.
  return dot < 0 ? '' : trimmed.slice(dot + 1).toLowerCase();
}

/**
 * One file, with `alreadyChosen` others for the same message: null when it may be attached. The
 * order is what a customer can act on first: too many, then nothing in it, then its type, then
 * its size.
 */
export function checkFile(rules: AttachmentRules, file: { name: string; size: number }, alreadyChosen = 0): FileProblem | null {
  if (alreadyChosen >= rules.maxFiles) return { code: 'too_many', maxFiles: rules.maxFiles };
  if (file.size === 0) return { code: 'empty' };
  const extension = extensionOf(file.name);
  if (extension && rules.blockedExtensions.includes(extension)) return { code: 'blocked_type', extension };
  if (file.size > rules.maxBytes) return { code: 'too_large', maxBytes: rules.maxBytes };
  return null;
}

/**
 * The name a file goes to the help desk with: the last part of whatever path a browser or a client
 * sent (old browsers send `C:\fakepath\…`), without control characters or quotes, at most
 * MAX_FILE_NAME long (the extension kept), and never empty.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  let name = last.replace(/[\u0000-\u001f\u007f"]/g, '').replace(/\s+/g, ' ').trim();
  if (name === '' || name === '.' || name === '..') name = 'file';
  if (name.length > MAX_FILE_NAME) {
    const extension = extensionOf(name);
    const tail = extension && extension.length < 20 ? `.${extension}` : '';
    name = `${Array.from(name.slice(0, MAX_FILE_NAME - tail.length)).join('').replace(/[\uD800-\uDBFF]$/, '')}${tail}`;
  }
  return name;
}

/** The media type as the browser said it: lower case, no parameters, `application/octet-stream` when it said none or nonsense. */
export function cleanContentType(raw: string | null | undefined): string {
  const type = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : 'application/octet-stream';
}

const PASTE_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' };

/**
 * A pasted screenshot's name. Browsers call every pasted image `image.png` (or nothing), so
 * three screenshots would be three `image.png`: each gets the moment it was pasted instead,
 * `screenshot-2026-11-30-142233.png`, in the customer's local time.
 */
export function pastedFileName(originalName: string, type: string, at: Date): string {
  if (originalName && !/^image\.(png|jpe?g|gif|webp|bmp)$/i.test(originalName)) return originalName;
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `screenshot-${stamp}.${PASTE_EXTENSIONS[type] ?? (extensionOf(originalName) || 'png')}`;
}

/** Images a browser shows as a picture and nothing else: these get a thumbnail and open inline. */
export const PLAIN_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export const isPlainImage = (contentType: string) => PLAIN_IMAGE_TYPES.includes(contentType);

/**
 * A size in the units people read (1024 per step, as operating systems show them): the unit and
 * the number to format with it, so each language writes it its own way (`Intl` units).
 */
export function sizeInUnits(bytes: number): { value: number; unit: 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte' } {
  if (bytes < 1024) return { value: bytes, unit: 'byte' };
  if (bytes < 1024 * 1024) return { value: bytes / 1024, unit: 'kilobyte' };
  if (bytes < 1024 * 1024 * 1024) return { value: bytes / (1024 * 1024), unit: 'megabyte' };
  return { value: bytes / (1024 * 1024 * 1024), unit: 'gigabyte' };
}
