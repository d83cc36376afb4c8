import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { E2E_SSO_SECRET, EMBED_HOST_URL } from './ports';

/**
 * The company's page (scripts/embed-host.mjs on 127.0.0.1) that embeds the portal (on
 * localhost, another site), and what the tests do with the frame inside it.
 */
export const FRAME_TITLE = 'Support requests';

export function hostUrl(options: { path?: string; theme?: string; brand?: string; font?: string; locale?: string; jwt?: string } = {}): string {
  const url = new URL(EMBED_HOST_URL);
  for (const [name, value] of Object.entries(options)) if (value) url.searchParams.set(name, value);
  return url.toString();
}

/** The portal inside the host page, found the way a person would: by the frame's title. */
export function portalFrame(page: Page): FrameLocator {
  return page.frameLocator(`iframe[title="${FRAME_TITLE}"]`);
}

/** The frame itself, for measuring and evaluating inside it. */
export async function portalFrameHandle(page: Page): Promise<Frame> {
  const element = await page.locator(`iframe[title="${FRAME_TITLE}"]`).elementHandle();
  const frame = await element?.contentFrame();
  if (!frame) throw new Error('the host page has no portal frame');
  return frame;
}

/** Waits until the frame is as tall as the page inside it (embed.js + the height messages); returns that height. */
export async function expectFrameFitsContent(page: Page): Promise<number> {
  const iframe = page.locator(`iframe[title="${FRAME_TITLE}"]`);
  const frame = await portalFrameHandle(page);
  let height = 0;
  await expect
    .poll(async () => {
      const outer = (await iframe.boundingBox())?.height ?? 0;
      const inner = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
      height = outer;
      return Math.abs(outer - Math.ceil(inner));
    })
    .toBeLessThanOrEqual(1);
  return height;
}

export async function signInInFrame(frame: FrameLocator, user: { email: string; password: string }) {
  await frame.getByLabel('Email').fill(user.email);
  await frame.getByLabel('Password').fill(user.password);
  await frame.getByRole('button', { name: 'Log in' }).click();
  await expect(frame.getByRole('heading', { name: 'My requests' })).toBeVisible();
}

/** What a company's server mints for a customer signed in to its site (README: "Single sign-on"). */
export async function ssoToken(
  claims: Record<string, unknown>,
  options: { secret?: string; issuedAt?: number } = {},
): Promise<string> {
  return new SignJWT({ iat: options.issuedAt ?? Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? E2E_SSO_SECRET));
}

/** An unsigned token (`alg: none`), the classic attempt to skip the signature. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), ...claims })}.`;
}
