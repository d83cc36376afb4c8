import type { getTranslations } from 'next-intl/server';

/** A translator over the whole catalog (no namespace), as `await getTranslations()` gives it. */
export type Translator = Awaited<ReturnType<typeof getTranslations<never>>>;
