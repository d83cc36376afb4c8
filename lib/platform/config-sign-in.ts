import { z } from 'zod';

/**
 * The sign-in page's ways in (SIGN_IN_METHODS) and what each needs: the email link needs the
 * on-behalf-of mode (a customer who signs in by link has given no password), an SMTP server to send
 * it through, a sender, and the portal's own public origin (the link never takes its host from a
 * request's Host header); single sign-on needs SSO_SECRET. Checked at start, so a portal never offers
 * a way in that cannot work.
 */
export const SIGN_IN_METHODS = ['password', 'email-link', 'sso'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** How long an email link works by default: 15 minutes. */
export const DEFAULT_EMAIL_LINK_TTL_SECONDS = 15 * 60;

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** `Name <address>` or a bare address, one line. */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n\u0000-\u001f]{1,100}<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

export const signInFields = {
  SIGN_IN_METHODS: z.preprocess(emptyToUndefined, z.string().optional()),
  SMTP_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465' }).optional()),
  MAIL_FROM: z.preprocess(
    emptyToUndefined,
    z.string().trim().regex(MAIL_FROM_PATTERN, 'must be an email address, optionally with a name: Acme Support <support@acme.example>').optional(),
  ),
  PORTAL_PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, message: 'must be the portal\'s public http(s) origin, e.g. https://support.example.com' })
      .refine((value) => new URL(value).pathname === '/' && !new URL(value).search && !new URL(value).hash, 'must be an origin only (scheme, host, port), with no path')
      .optional(),
  ),
  EMAIL_LINK_TTL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 3600).default(DEFAULT_EMAIL_LINK_TTL_SECONDS)),
  HELPDESK_PASSWORD_RESET_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
};

type SignInEnv = {
  SIGN_IN_METHODS?: string;
  SMTP_URL?: string;
  MAIL_FROM?: string;
  PORTAL_PUBLIC_URL?: string;
  SSO_SECRET?: string;
};

/** The methods named (in the order given), or the default: password, plus sso when SSO_SECRET is set. */
export function parseSignInMethods(raw: string | undefined, ssoSecret: string | undefined): { ok: true; methods: SignInMethod[] } | { ok: false; problem: string } {
  if (raw === undefined) return { ok: true, methods: ssoSecret ? ['password', 'sso'] : ['password'] };
  const names = raw.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !(SIGN_IN_METHODS as readonly string[]).includes(name));
  if (unknown.length > 0) return { ok: false, problem: `names ${unknown.map((n) => `"${n}"`).join(', ')}: use ${SIGN_IN_METHODS.join(', ')}, separated by commas` };
  if (names.length === 0) return { ok: false, problem: `must name at least one of ${SIGN_IN_METHODS.join(', ')}` };
  return { ok: true, methods: [...new Set(names as SignInMethod[])] };
}

/** What a method named in SIGN_IN_METHODS is missing, one problem per missing setting. */
export function signInProblems(env: SignInEnv, onBehalfOf: boolean, onBehalfOfHint: string): { path: string; message: string }[] {
  const parsed = parseSignInMethods(env.SIGN_IN_METHODS, env.SSO_SECRET);
  if (!parsed.ok) return [{ path: 'SIGN_IN_METHODS', message: parsed.problem }];
  const problems: { path: string; message: string }[] = [];
  if (parsed.methods.includes('email-link')) {
    const needs = (what: string) => problems.push({ path: 'SIGN_IN_METHODS', message: `offers email-link, which needs ${what}` });
    if (!onBehalfOf) needs(`the on-behalf-of sign-in mode (a customer signing in by link gives no password): set ${onBehalfOfHint}`);
    if (!env.SMTP_URL) needs('SMTP_URL (the mail server that sends the link)');
    if (!env.MAIL_FROM) needs('MAIL_FROM (the sender of the link, e.g. Acme Support <support@acme.example>)');
    if (!env.PORTAL_PUBLIC_URL) needs('PORTAL_PUBLIC_URL (the portal\'s public origin, which the link points to)');
  }
  if (parsed.methods.includes('sso') && !env.SSO_SECRET) problems.push({ path: 'SIGN_IN_METHODS', message: 'offers sso, which needs SSO_SECRET' });
  return problems;
}

export interface SignInSettings {
  /** What the sign-in page offers (SIGN_IN_METHODS). */
  signInMethods: SignInMethod[];
  /** The email link's settings; null when SIGN_IN_METHODS leaves it out. */
  emailLink: { ttlSeconds: number; publicOrigin: string; smtpUrl: string; from: string } | null;
  /** HELPDESK_PASSWORD_RESET_URL: where "Forgot your password?" goes; null: to the email link, if offered. */
  passwordResetUrl: string | null;
}

/** The settings from an environment `signInProblems` found nothing wrong with. */
export function signInSettings(env: SignInEnv & { EMAIL_LINK_TTL_SECONDS: number; HELPDESK_PASSWORD_RESET_URL?: string }): SignInSettings {
  const parsed = parseSignInMethods(env.SIGN_IN_METHODS, env.SSO_SECRET);
  const methods = parsed.ok ? parsed.methods : ['password' as const];
  const emailLink =
    methods.includes('email-link') && env.SMTP_URL && env.MAIL_FROM && env.PORTAL_PUBLIC_URL
      ? { ttlSeconds: env.EMAIL_LINK_TTL_SECONDS, publicOrigin: new URL(env.PORTAL_PUBLIC_URL).origin, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }
      : null;
  return { signInMethods: methods, emailLink, passwordResetUrl: env.HELPDESK_PASSWORD_RESET_URL ?? null };
}
