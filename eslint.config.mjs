// ESLint (flat config): the equivalent of @payloadcms/eslint-config without its import sorting.
// That package pins its own TypeScript and sorts every object key (perfectionist), which would
// rewrite every file; the rules here are the ones of its set that catch bugs. Formatting is
// Prettier's alone (.prettierrc): eslint-config-prettier comes last and turns style rules off.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier/flat'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  globalIgnores([
    // Generated: rewritten by Payload's CLI, never by hand.
    'migrations/**',
    'payload-types.ts',
    'src/app/(payload)/admin/importMap.js',
    'next-env.d.ts',
    'patches/**',
    '.next/**',
    '.data/**',
    'test-results/**',
    'playwright-report/**',
    'artifacts/**',
  ]),
  js.configs.recommended,
  // Type-aware, as Payload's set: the promise rules (a forgotten await in a hook or a job is a
  // silent bug) need the types. It costs about one `tsc --noEmit` (see the report in .ci/run).
  tseslint.configs.recommendedTypeChecked,
  {
    name: 'app/typescript',
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // As @payloadcms/eslint-config: the `any` family is off (Payload's own types hand out
      // `any` in hooks and access args; chasing it would be casts, not safety).
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      // Off: an `async` function without `await` is how this code fills a Promise-returning slot
      // (an adapter method, `stop`, a fake) and turns a synchronous throw into a rejection
      // (src/db/rls/adapter.ts); dropping `async` would change that. Forgotten awaits are what
      // no-floating-promises and no-misused-promises catch.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Test helpers hand back parsed response bodies that a test probes freely (`res.body.doc.id`);
    // a wrong shape fails the assertion, which is the check. App code keeps the rule.
    name: 'app/tests',
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'app/react',
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Plain JavaScript is outside tsconfig's project: no type-aware rules there.
    name: 'app/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
)
