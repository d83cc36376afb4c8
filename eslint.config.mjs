import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  // Playwright fixtures call `use()`, which is not React's hook of the same name.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  // .next*/ and test-results*/: parallel runs use their own build and report dirs (NEXT_DIST_DIR, E2E_OUTPUT_DIR).
  { ignores: ['.next*/**', 'node_modules/**', 'test-results*/**', 'playwright-report/**', 'next-env.d.ts', '.data/**'] },
];

export default config;
