// Flat config: typescript-eslint's recommended rules over the whole repository, two type-aware
// rules for promises, and the layer rules of docs/architecture.md section 1.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` from regular expressions, each with the reason shown on a hit. */
const restrict = (...patterns) => ['error', { patterns: patterns.map(([regex, message]) => ({ regex, message })) }];

const IPMI_SURFACE = 'Use the library\'s public surface: lambdas/ipmi/index.ts or lambdas/ipmi/protocol.ts (docs/architecture.md section 1).';
const IPMI_SELF = 'lambdas/ipmi imports only itself, lambdas/common, node: modules and @noble/ciphers (docs/architecture.md section 1).';
/** Packages the library may use: node built-ins, @noble/ciphers, and relative paths (checked per depth below). */
const IPMI_PACKAGES = ['^(?!node:|@noble/ciphers(/|$)|\\.)', IPMI_SELF];
/** A relative path that climbs `depth` levels out of lambdas/ipmi and lands anywhere but lambdas/common. */
const leavesIpmi = (depth) => [`^(\\.\\./){${depth}}(?!common/)`, IPMI_SELF];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.data/**', 'lambdas/api/generated/**', 'coverage/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', performance: 'readonly', setImmediate: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: the UDP, session and job code is asynchronous throughout, and a promise
    // nobody awaits loses its error. Only TypeScript files are in the TypeScript project.
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['^(\\.\\./)+(ipmi|adapters|api|handlers|local|cli|simulator)/', 'lambdas/core knows BMCs and stores only through its ports (core/ports.ts); adapters implement them.'],
        ['^@aws-sdk/', 'lambdas/core uses no AWS SDK: an adapter implements the port.'],
      ),
    },
  },
  { files: ['lambdas/ipmi/*.ts'], rules: { 'no-restricted-imports': restrict(IPMI_PACKAGES, leavesIpmi(1)) } },
  { files: ['lambdas/ipmi/*/*.ts'], rules: { 'no-restricted-imports': restrict(IPMI_PACKAGES, leavesIpmi(2)) } },
  { files: ['lambdas/ipmi/*/*/*.ts'], rules: { 'no-restricted-imports': restrict(IPMI_PACKAGES, leavesIpmi(3)) } },
  { files: ['lambdas/ipmi/*/*/*/**/*.ts'], rules: { 'no-restricted-imports': restrict(IPMI_PACKAGES, leavesIpmi(4)) } },
  {
    files: ['lambdas/common/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['^(?!\\./|node:)', 'lambdas/common is neutral ground: it imports nothing from the rest of the repository.']) },
  },
  {
    files: ['lambdas/cli/**/*.ts', 'lambdas/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['^(\\.\\./)+ipmi/(?!(index|protocol)\\.ts$)', IPMI_SURFACE]) },
  },
  {
    // CommonJS helpers (e.g. GraphQL Code Generator plugins must be CJS).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
