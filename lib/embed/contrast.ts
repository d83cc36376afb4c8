/**
 * Colour maths for a brand colour the portal doesn't choose: WCAG 2 relative luminance and contrast
 * ratio, and a readable shade of the brand for text. A host's yellow (#f5c542) is a fine button
 * but unreadable as link text on white; a dark green (#0a7c53) reads on white but not on the dark
 * theme's surface. The shade keeps the brand's hue and chroma (in OKLCH) and moves only its
 * lightness until the text reaches 4.5:1 against every surface it sits on.
 */

/** WCAG 1.4.3: normal text. */
export const TEXT_CONTRAST = 4.5;

type Rgb = [number, number, number];

/** #rgb or #rrggbb (any case) to 0–1 sRGB channels. */
export function parseHex(hex: string): Rgb {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  if (!/^#[0-9a-f]{6}$/i.test(full)) throw new TypeError(`not a hex colour: ${hex}`);
  return [1, 3, 5].map((offset) => parseInt(full.slice(offset, offset + 2), 16) / 255) as Rgb;
}

export function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, '0')).join('');
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21, the same whichever colour is first. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Text on a brand-coloured fill: black or white, whichever contrasts more (always ≥ 4.58:1). */
export function onColour(fill: string): '#000000' | '#ffffff' {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
}

// OKLCH ↔ sRGB (Björn Ottosson's OKLab matrices).
function toOklch(hex: string): [number, number, number] {
  const [r, g, b] = parseHex(hex).map(toLinear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const A = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const B = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return [L, Math.hypot(A, B), Math.atan2(B, A)];
}

function fromOklch(L: number, C: number, h: number): string {
  const A = C * Math.cos(h);
  const B = C * Math.sin(h);
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  const rgb: Rgb = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return toHex(rgb.map((c) => fromLinear(Math.min(1, Math.max(0, c)))) as Rgb);
}

const worstContrast = (colour: string, surfaces: readonly string[]) => Math.min(...surfaces.map((surface) => contrastRatio(colour, surface)));

/**
 * The brand colour itself when it already reads at `minimum` against every surface; otherwise the
 * same hue made darker (light surfaces) or lighter (dark surfaces) in OKLCH, just far enough.
 * Falls back to black or white, which always pass, if no shade of the hue does.
 */
export function readableShade(brand: string, surfaces: readonly string[], minimum = TEXT_CONTRAST): string {
  const colour = toHex(parseHex(brand));
  if (worstContrast(colour, surfaces) >= minimum) return colour;
  const darkSurfaces = surfaces.every((surface) => relativeLuminance(surface) < 0.18);
  const [L, C, h] = toOklch(colour);
  // Search the lightness between the brand's own and the far end (0 on light surfaces, 1 on dark).
  let [near, far] = darkSurfaces ? [L, 1] : [L, 0];
  let best: string | null = null;
  for (let i = 0; i < 24; i++) {
    const middle = (near + far) / 2;
    const candidate = fromOklch(middle, C, h);
    if (worstContrast(candidate, surfaces) >= minimum) {
      best = candidate;
      far = middle;
    } else {
      near = middle;
    }
  }
  if (best && worstContrast(best, surfaces) >= minimum) return best;
  return darkSurfaces ? '#ffffff' : '#000000';
}

/**
 * A fill's hover shade: a little further from its text colour, so the text keeps its contrast
 * (white text: the fill gets darker; black text: lighter).
 */
export function hoverShade(fill: string): string {
  const [L, C, h] = toOklch(toHex(parseHex(fill)));
  return fromOklch(onColour(fill) === '#ffffff' ? Math.max(0, L - 0.08) : Math.min(1, L + 0.08), C, h);
}
