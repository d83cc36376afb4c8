import type { Locale } from './locales';
import type messages from './messages/en.json';

// Message keys and locales are checked by the compiler: a typo in `t('…')` fails the typecheck.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
