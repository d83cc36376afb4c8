import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { contrastRatio, hoverShade, onColour, parseHex, readableShade, relativeLuminance, TEXT_CONTRAST } from '../contrast';
import { AVATAR_COLOURS } from '../../../app/ui/avatar-initials';
import { embedCustomProperties, THEME_BACKGROUNDS } from '../settings';

const YELLOW = '#f5c542';
const GREEN = '#0a7c53';
const worst = (colour: string, surfaces: readonly string[]) => Math.min(...surfaces.map((s) => contrastRatio(colour, s)));

test('relative luminance and contrast ratio match WCAG 2’s published values', () => {
  assert.equal(relativeLuminance('#000000'), 0);
  assert.equal(relativeLuminance('#fff'), 1);
  assert.equal(contrastRatio('#000', '#fff'), 21);
  assert.equal(contrastRatio('#fff', '#000'), 21);
  assert.equal(contrastRatio('#777', '#777'), 1);
  // #767676 on white is the well-known lightest grey that passes 4.5:1.
  assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
  assert.ok(contrastRatio('#777777', '#ffffff') < 4.5);
  assert.throws(() => parseHex('red'), TypeError);
});

test('text on a brand fill is black or white, whichever reads, and always reaches 4.5:1', () => {
  assert.equal(onColour(YELLOW), '#000000');
  assert.equal(onColour(GREEN), '#ffffff');
  assert.equal(onColour('#ff0'), '#000000');
  assert.equal(onColour('#000'), '#ffffff');
  for (const fill of [YELLOW, GREEN, '#777777', '#3451b2', '#ff0000', '#00ffff', '#808080']) {
    assert.ok(contrastRatio(fill, onColour(fill)) >= TEXT_CONTRAST, fill);
    // Hovering keeps the text readable: the fill moves away from its text colour.
    assert.ok(contrastRatio(hoverShade(fill), onColour(fill)) >= contrastRatio(fill, onColour(fill)) - 0.01, `hover ${fill}`);
  }
});

test('yellow, unreadable as text on light backgrounds, becomes a dark shade that reads; on dark it stays itself', () => {
  assert.ok(worst(YELLOW, THEME_BACKGROUNDS.light) < 2);
  const light = readableShade(YELLOW, THEME_BACKGROUNDS.light);
  assert.ok(worst(light, THEME_BACKGROUNDS.light) >= TEXT_CONTRAST, light);
  assert.ok(relativeLuminance(light) < relativeLuminance(YELLOW));
  // Still yellow-brown, not black: only the lightness moved.
  const [r, g, b] = parseHex(light);
  assert.ok(r > b && g > b, light);
  assert.equal(readableShade(YELLOW, THEME_BACKGROUNDS.dark), YELLOW);
});

test('green reads on light backgrounds as it is; on the dark theme it becomes a lighter green', () => {
  assert.equal(readableShade(GREEN, THEME_BACKGROUNDS.light), GREEN);
  assert.ok(worst(GREEN, THEME_BACKGROUNDS.dark) < TEXT_CONTRAST);
  const dark = readableShade(GREEN, THEME_BACKGROUNDS.dark);
  assert.ok(worst(dark, THEME_BACKGROUNDS.dark) >= TEXT_CONTRAST, dark);
  const [r, g, b] = parseHex(dark);
  assert.ok(g > r && g > b, dark);
});

test('every colour gets a readable shade, whatever hue, in both themes', () => {
  for (let i = 0; i < 4096; i += 37) {
    const brand = '#' + i.toString(16).padStart(3, '0');
    for (const surfaces of [THEME_BACKGROUNDS.light, THEME_BACKGROUNDS.dark]) {
      assert.ok(worst(readableShade(brand, surfaces), surfaces) >= TEXT_CONTRAST, `${brand} on ${surfaces[0]}`);
    }
  }
});

test('the embed gives the brand text a light and a dark shade through light-dark()', () => {
  const properties = embedCustomProperties({ brand: YELLOW });
  assert.equal(properties['--portico-brand'], YELLOW);
  assert.equal(properties['--portico-on-brand'], '#000000');
  const match = /^light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)$/.exec(properties['--portico-brand-text'] ?? '');
  const [, light = '', dark = ''] = match ?? [];
  assert.ok(worst(light, THEME_BACKGROUNDS.light) >= TEXT_CONTRAST, light);
  assert.ok(worst(dark, THEME_BACKGROUNDS.dark) >= TEXT_CONTRAST, dark);
});

/** globals.css's palette: each `--portico-x: light-dark(light, dark);` declaration, looked up by name. */
function palette(): (name: string, theme: 'light' | 'dark') => string {
  const css = readFileSync(new URL('../../../app/globals.css', import.meta.url), 'utf8');
  const entries = [...css.matchAll(/(--portico-[a-z0-9-]+):\s*light-dark\((#[0-9a-f]{3,6}),\s*(#[0-9a-f]{3,6})\)/gi)];
  const colours = Object.fromEntries(entries.map(([, name, light, dark]) => [name, { light: light ?? '', dark: dark ?? '' }]));
  return (name, theme) => colours[name]?.[theme] ?? assert.fail(`globals.css has no light-dark() ${name}`);
}

test('the THEME_BACKGROUNDS list is globals.css’s backgrounds', () => {
  const colour = palette();
  const names = ['--portico-bg', '--portico-surface', '--portico-info-bg', '--portico-danger-bg', '--portico-success-bg'];
  assert.deepEqual(names.map((n) => colour(n, 'light')), [...THEME_BACKGROUNDS.light]);
  assert.deepEqual(names.map((n) => colour(n, 'dark')), [...THEME_BACKGROUNDS.dark]);
});

test('the palette’s text reaches 4.5:1 and its focus ring 3:1 on every background, in both themes', () => {
  const colour = palette();
  for (const theme of ['light', 'dark'] as const) {
    const backgrounds = THEME_BACKGROUNDS[theme];
    for (const text of ['--portico-text', '--portico-muted', '--portico-brand-text', '--portico-danger', '--portico-success', '--portico-pending']) {
      assert.ok(worst(colour(text, theme), backgrounds) >= TEXT_CONTRAST, `${text} ${theme}`);
    }
    assert.ok(contrastRatio(colour('--portico-brand', theme), colour('--portico-on-brand', theme)) >= TEXT_CONTRAST, `on-brand ${theme}`);
    assert.ok(contrastRatio(colour('--portico-brand-hover', theme), colour('--portico-on-brand', theme)) >= TEXT_CONTRAST, `on-brand hover ${theme}`);
    // The ring sits outside the control (outline-offset), so what it touches is a background.
    assert.ok(worst(colour('--portico-focus', theme), backgrounds) >= 3, `focus ${theme}`);
  }
});

test('initials on every avatar colour, and the filled pending badge, reach 4.5:1 in both themes', () => {
  const colour = palette();
  for (const theme of ['light', 'dark'] as const) {
    for (let n = 1; n <= AVATAR_COLOURS; n++) {
      const ratio = contrastRatio(colour(`--portico-avatar-${n}`, theme), colour('--portico-on-avatar', theme));
      assert.ok(ratio >= TEXT_CONTRAST, `--portico-avatar-${n} ${theme}: ${ratio.toFixed(2)}`);
    }
    // The list's filled "Awaiting your reply" badge: the surface colour on the pending colour.
    assert.ok(contrastRatio(colour('--portico-pending', theme), colour('--portico-surface', theme)) >= TEXT_CONTRAST, `filled pending ${theme}`);
  }
});
