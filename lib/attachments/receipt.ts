import 'server-only';
import { sealData, unsealData } from 'iron-session';
import type { UploadReceipt } from '../helpdesk/types';

/**
 * A file the help desk already has, on its way into a request or a reply. The upload answers the
 * help desk's token; the browser must not hold it bare (with it, anyone could attach the file to
 * another ticket, and a forged one could name someone else's upload), so it holds a seal instead:
 * the token, the file's facts and the requester's id, encrypted and signed with the session secret
 * (iron-session's `sealData`, as the session cookie). The server opens the seal when the form is
 * sent and refuses one that is forged, expired, or another customer's.
 *
 * A kept upload is what a form carries and shows: the seal, plus the facts in the clear for the
 * list of chosen files (the seal is what counts; the clear facts are only ever shown).
 */
export interface KeptUpload {
  seal: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** What a seal holds. `purpose` keeps any other seal made with the same secret (the session cookie) from passing as one. */
interface SealedUpload {
  purpose: 'upload';
  token: string;
  requesterId: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** An opened seal: the token to hand to the help desk, and the facts to show again. */
export interface OpenedUpload {
  token: string;
  kept: KeptUpload;
}

/**
 * How long a seal is good for: Zendesk drops an upload no ticket names after 60 minutes ("The
 * attachment's token expires after 60 minutes"), so a seal older than that could only fail later.
 */
export const UPLOAD_SEAL_TTL_SECONDS = 60 * 60;

export interface SealSecrets {
  current: string;
  /** SESSION_SECRET_PREVIOUS while the secret is being rotated: its seals still open. */
  previous: string | null;
}

export async function sealUpload(receipt: UploadReceipt, file: { fileName: string; size: number; contentType: string }, requesterId: string, secrets: SealSecrets): Promise<KeptUpload> {
  // What the help desk recorded wins; what was sent stands in where it said nothing.
  const facts = {
    fileName: receipt.attachment.fileName || file.fileName,
    size: receipt.attachment.size ?? file.size,
    contentType: receipt.attachment.contentType || file.contentType,
  };
  const sealed: SealedUpload = { purpose: 'upload', token: receipt.token, requesterId, ...facts };
  const seal = await sealData(sealed, { password: secrets.current, ttl: UPLOAD_SEAL_TTL_SECONDS });
  return { seal, ...facts };
}

/** The seal's upload if it is genuine, unexpired and `requesterId`'s; null otherwise. */
export async function openUpload(seal: string, requesterId: string, secrets: SealSecrets): Promise<OpenedUpload | null> {
  const data = await unseal(seal, secrets);
  if (!data || data.requesterId !== requesterId) return null;
  return { token: data.token, kept: keptFrom(seal, data) };
}

/**
 * What a genuine, unexpired seal shows, whoever it belongs to: only to give a form its own files
 * back (after its session ended, or to name a file that can no longer be attached). Never a token.
 */
export async function peekUpload(seal: string, secrets: SealSecrets): Promise<KeptUpload | null> {
  const data = await unseal(seal, secrets);
  return data ? keptFrom(seal, data) : null;
}

const keptFrom = (seal: string, data: SealedUpload): KeptUpload => ({ seal, fileName: data.fileName, size: data.size, contentType: data.contentType });

async function unseal(seal: string, secrets: SealSecrets): Promise<SealedUpload | null> {
  if (typeof seal !== 'string' || seal.length === 0 || seal.length > 4096) return null;
  for (const password of [secrets.current, secrets.previous]) {
    if (!password) continue;
    const data = await unsealData<Partial<SealedUpload>>(seal, { password, ttl: UPLOAD_SEAL_TTL_SECONDS }).catch(() => ({}) as Partial<SealedUpload>);
    if (isSealedUpload(data)) return data;
  }
  return null;
}

function isSealedUpload(data: Partial<SealedUpload>): data is SealedUpload {
  return (
    data.purpose === 'upload' &&
    typeof data.token === 'string' &&
    typeof data.requesterId === 'string' &&
    typeof data.fileName === 'string' &&
    typeof data.size === 'number' &&
    typeof data.contentType === 'string'
  );
}
