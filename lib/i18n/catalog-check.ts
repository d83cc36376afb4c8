import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * Checks translated catalogs against the English one: the same keys, and in every message the
 * same ICU structure: the same arguments with the same types, the same select options, the same
 * rich-text tags, and plurals that have an `other` form. Plural categories themselves are left to
 * each language (Japanese has only `other`, Arabic six). Answers one line per problem; none means good.
 */
export type Catalog = { [key: string]: string | Catalog };

export function checkCatalogs(reference: Catalog, others: Record<string, Catalog>): string[] {
  const expected = flatten(reference);
  const problems: string[] = [];
  for (const [key, message] of expected) {
    try {
      shape(message);
    } catch (error) {
      problems.push(`reference: ${key} does not parse (${(error as Error).message})`);
    }
  }
  for (const [locale, catalog] of Object.entries(others)) {
    const actual = flatten(catalog);
    for (const key of expected.keys()) if (!actual.has(key)) problems.push(`${locale}: ${key} is missing`);
    for (const key of actual.keys()) if (!expected.has(key)) problems.push(`${locale}: ${key} is not in the reference catalog`);
    for (const [key, message] of actual) {
      const want = expected.get(key);
      if (want === undefined) continue;
      let got: string[];
      try {
        got = shape(message);
      } catch (error) {
        problems.push(`${locale}: ${key} does not parse (${(error as Error).message})`);
        continue;
      }
      const wanted = shape(want);
      const lacking = wanted.filter((part) => !got.includes(part));
      const extra = got.filter((part) => !wanted.includes(part));
      if (lacking.length > 0 || extra.length > 0) {
        problems.push(`${locale}: ${key} differs in its placeholders (${[...lacking.map((p) => `missing ${p}`), ...extra.map((p) => `unexpected ${p}`)].join(', ')})`);
      }
    }
  }
  return problems;
}

/** Every message under its dotted key (`login.title`). */
function flatten(catalog: Catalog, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [name, value] of Object.entries(catalog)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') into.set(key, value);
    else flatten(value, key, into);
  }
  return into;
}

/** A message's structure as a sorted list: `name:type`, select options, plural's `other`, `<tag>`. */
export function shape(message: string): string[] {
  const parts = new Set<string>();
  walk(parse(message), parts);
  return [...parts].sort();
}

function walk(elements: MessageFormatElement[], parts: Set<string>): void {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        parts.add(`${element.value}:argument`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        parts.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.select:
        parts.add(`${element.value}:select(${Object.keys(element.options).sort().join('|')})`);
        for (const option of Object.values(element.options)) walk(option.value, parts);
        break;
      case TYPE.plural:
        parts.add(`${element.value}:plural${'other' in element.options ? '' : '(no other)'}`);
        for (const option of Object.values(element.options)) walk(option.value, parts);
        break;
      case TYPE.tag:
        parts.add(`<${element.value}>`);
        walk(element.children, parts);
        break;
      default:
    }
  }
}
