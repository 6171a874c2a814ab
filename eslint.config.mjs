// ESLint: typescript-eslint's type-checked rules for src/, and the layer order of src/ as import rules
// (`npm run lint`, part of `npm test`). The layers, top to bottom; a folder imports only from folders below it:
//
//   extension.ts                composition root
//   commands/                   one module per command; the Services bag they share
//   editor/   tree/             side by side: neither imports the other (extension.ts wires them)
//   auth/                       accounts, SecretStorage, the client service
//   ui/                         prompts, messages, settings, the log
//   terraform/                  HCL export and drift against .tf files (no vscode)
//   families/                   each family as data (no vscode)
//   api/                        the HTTP client (no vscode)
import tseslint from 'typescript-eslint';

/** Folders each layer must not import from (besides everything above it, the list is the rule). */
const FORBIDDEN = {
  commands: [],
  editor: ['commands', 'tree'],
  tree: ['commands', 'editor'],
  auth: ['commands', 'editor', 'tree'],
  ui: ['commands', 'editor', 'tree', 'auth'],
  terraform: ['commands', 'editor', 'tree', 'auth', 'ui', 'vscode'],
  families: ['commands', 'editor', 'tree', 'auth', 'ui', 'terraform', 'vscode'],
  api: ['commands', 'editor', 'tree', 'auth', 'ui', 'terraform', 'families', 'vscode'],
};

function layerRule(layer, forbidden) {
  const patterns = forbidden.filter((f) => f !== 'vscode').map((folder) => ({
    regex: `^\\.\\.?/(\\.\\./)*${folder}/`,
    message: `src/${layer}/ must not import from src/${folder}/ (the layer order is at the top of eslint.config.mjs).`,
  }));
  patterns.push({ regex: '^\\.\\./(\\.\\./)*extension$', message: 'Nothing imports the composition root.' });
  const paths = forbidden.includes('vscode') ? [{ name: 'vscode', message: `src/${layer}/ runs in plain Node: no vscode import.` }] : [];
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'media/**', 'test-results/**', 'bench/**', 'test/**', 'scripts/**', '*.mjs'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Unused parameters named _x document a signature; anything else unused is dead code.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...Object.entries(FORBIDDEN).map(([layer, forbidden]) => layerRule(layer, forbidden)),
);
