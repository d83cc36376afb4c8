import { createHash } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { supportedLocale, type Locale } from '../i18n/locales';

/**
 * The single sign-on token a company's site signs for a customer who is already signed in there
 * (the seed's "Remote Authentication"): a JWT, HS256 with the shared SSO_SECRET, short-lived and
 * used once. Verified with jose; the rules beyond the signature live here so they can be tested
 * without a server.
 */

export interface SsoSettings {
  secret: string;
  /** How old (by `iat`) a token may be. */
  maxAgeSeconds: number;
  /** Allowed disagreement between the company's clock and ours. */
  clockSkewSeconds: number;
}

export interface SsoClaims {
  email: string;
  name?: string;
  externalId?: string;
  returnTo?: string;
  /** The customer's language on the company's site, when it is one the portal speaks (`de-CH` → `de`). */
  locale?: Locale;
  jti: string;
}

/**
 * Why a token was refused. Each maps to one sentence for the site's administrator
 * (app/sso/error-page.ts); none says more than that, so a forger learns nothing.
 */
export type SsoFailure = 'missing' | 'invalid' | 'expired' | 'not_yet_valid' | 'used';

export type SsoVerification = { ok: true; claims: SsoClaims } | { ok: false; reason: SsoFailure };

/** Claims one token id for as long as the token could be valid; false if it was claimed before. */
export type ClaimTokenId = (key: string, ttlSeconds: number) => Promise<boolean>;

const MAX_TOKEN_LENGTH = 8 * 1024;

const claimsSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  name: z.string().max(255).optional(),
  jti: z.string().min(1).max(255),
  iat: z.number(),
  external_id: z.union([z.string().max(255), z.number()]).optional(),
  return_to: z.string().max(2048).optional(),
  // A language tag; one the portal does not speak (or a malformed one) is ignored, not a reason to refuse the sign-in.
  locale: z.string().max(35).optional(),
});

/**
 * Checks a token and uses it up: everything readSsoToken checks, then its id is claimed, so the
 * same token is refused from then on, on every instance.
 */
export async function verifySsoToken(
  token: string | null | undefined,
  settings: SsoSettings,
  claimTokenId: ClaimTokenId,
  now: Date = new Date(),
): Promise<SsoVerification> {
  const read = await readSsoToken(token, settings, now);
  if (!read.ok) return read;
  return (await spendSsoToken(read.claims, settings, claimTokenId)) ? read : { ok: false, reason: 'used' };
}

/**
 * Checks a token without using it up: signature, age and claims. For showing the page that asks
 * a signed-in customer to confirm a switch to the token's customer: the token is used (and its
 * age checked again) only when they confirm, so showing the page neither spends it nor lets it be
 * used twice.
 */
export async function readSsoToken(token: string | null | undefined, settings: SsoSettings, now: Date = new Date()): Promise<SsoVerification> {
  if (!token) return { ok: false, reason: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };

  let payload: unknown;
  try {
    // Only HS256: this refuses `alg: none` and any attempt to switch algorithms. maxTokenAge
    // makes `iat` required and bounds the token's age; clockTolerance applies to iat, nbf and exp,
    // so a token dated further in the future than the skew is refused too.
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      algorithms: ['HS256'],
      maxTokenAge: settings.maxAgeSeconds,
      clockTolerance: settings.clockSkewSeconds,
      requiredClaims: ['jti', 'email'],
      currentDate: now,
    }));
  } catch (error) {
    return { ok: false, reason: failureOf(error) };
  }

  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const claims = parsed.data;
  return {
    ok: true,
    claims: {
      email: claims.email.toLowerCase(),
      jti: claims.jti,
      ...(claims.name ? { name: claims.name } : {}),
      ...(claims.external_id !== undefined ? { externalId: String(claims.external_id) } : {}),
      ...(claims.return_to ? { returnTo: claims.return_to } : {}),
      ...(supportedLocale(claims.locale) ? { locale: supportedLocale(claims.locale)! } : {}),
    },
  };
}

/** Claims the token's id; false when it was used before. */
export async function spendSsoToken(claims: SsoClaims, settings: SsoSettings, claimTokenId: ClaimTokenId): Promise<boolean> {
  // Remember the id for as long as the token could still pass the checks above, so a replay is
  // refused on every instance (shared state) until the token would be refused anyway.
  const ttl = settings.maxAgeSeconds + 2 * settings.clockSkewSeconds;
  return claimTokenId(`sso:jti:${sha256(claims.jti)}`, ttl);
}

function failureOf(error: unknown): SsoFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed && (error.claim === 'iat' || error.claim === 'nbf') && error.reason === 'check_failed') {
    return 'not_yet_valid';
  }
  return 'invalid';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
