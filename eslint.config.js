// Lint, including the layering rules that keep the dependency direction visible:
//   renderer -> api (the typed contract) <- electron, host -> engine, db
// engine/ is pure TypeScript; db/ is storage only; renderer/ knows only api/.
// Only engine/threads/worker.ts constructs a Worker; only engine/threads/server.ts talks
// to parentPort; a worker's entry (the module that serves its API with serveThread) is
// named `*.worker.ts`, so a file's name says which thread runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((g) => ({ group: g.names, message: g.why })) }],
});

const ELECTRON = { names: ['electron', 'electron/*'], why: 'Only electron/ may import Electron.' };
const REACT = { names: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'uplot'], why: 'UI libraries belong to renderer/.' };
const RENDERER = { names: ['**/renderer/**', '**/renderer'], why: 'Nothing imports the renderer; it is a leaf.' };
const DB = { names: ['**/db/**', '**/db', 'better-sqlite3'], why: 'engine/ is pure: storage is wired in by host/.' };
const HOST = { names: ['**/host/**', '**/host', '**/cli/**', '**/electron/**'], why: 'Lower layers never import the layers that use them.' };
const RENDERER_NO_BACKEND = {
  names: ['**/engine/**', '**/engine', '**/db/**', '**/host/**', '**/cli/**', '**/electron/**', 'better-sqlite3', 'ws', ...nodeBuiltins],
  why: 'renderer/ knows only the typed API in api/: no Node, Electron, engine internals or database.',
};
const SQLITE = { names: ['better-sqlite3'], why: 'Only db/ talks to SQLite: ask db/ for a query function.' };
const SQL_HELPERS = { names: ['**/db/statements', '**/db/migrate', '**/db/migrations/**'], why: 'SQL lives in db/: host/ calls its query functions.' };
/** Worker threads start only through engine/threads/worker.ts (entries from source and built, heap limits). */
const NO_NEW_WORKER = {
  selector: "NewExpression[callee.name='Worker']",
  message: 'Start worker threads with startWorker() from engine/threads/worker.ts.',
};
/** A worker talks to its parent only through its channel (engine/threads/server.ts). */
const NO_PARENT_PORT = {
  selector: "ImportSpecifier[imported.name='parentPort'], MemberExpression[property.name='parentPort']",
  message: "Serve the worker's API with serveThread() from engine/threads/server.ts; parentPort is the channel's.",
};
/** The module that serves a worker's API is that worker's entry: its name ends in .worker.ts. */
const SERVE_ONLY_IN_ENTRIES = {
  selector: "CallExpression[callee.name='serveThread']",
  message: 'Only a worker entry serves a thread: name the file *.worker.ts (and list it in forge.config.ts, bin/cli-bundle.mjs).',
};
const THREADS = [NO_NEW_WORKER, NO_PARENT_PORT, SERVE_ONLY_IN_ENTRIES];
const WORKER_ENTRY_THREADS = [NO_NEW_WORKER, NO_PARENT_PORT];
const syntax = (...selectors) => ({ 'no-restricted-syntax': ['error', ...selectors] });
/** host/ and cli/ run no SQL of their own: no statements prepared or executed on a connection. */
const SQL_SYNTAX = [
  {
    selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(prepare|pragma)$/]",
    message: 'SQL lives in db/: add a query function there and call it.',
  },
  // `.exec` with SQL text; a RegExp's exec takes a value, not a literal.
  {
    selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
    message: 'SQL lives in db/: add a query function there and call it.',
  },
];
const API_PURE = {
  names: ['**/db/**', '**/host/**', '**/cli/**', '**/electron/**', 'better-sqlite3', ...nodeBuiltins],
  why: 'api/ is the contract shared by every side: types and argument schemas only.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.vite/**', 'out/**', 'renderer/dist/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // Thread rules (no-restricted-syntax: the last matching block sets the whole list).
  { rules: syntax(NO_PARENT_PORT, SERVE_ONLY_IN_ENTRIES) },
  { files: ['engine/**', 'bench/**', 'db/**', 'electron/**', 'scripts/**'], rules: syntax(...THREADS) },
  { files: ['host/**', 'cli/**'], rules: syntax(...THREADS, ...SQL_SYNTAX) },
  { files: ['engine/**/*.worker.ts', 'db/**/*.worker.ts'], rules: syntax(...WORKER_ENTRY_THREADS) },
  { files: ['host/**/*.worker.ts'], rules: syntax(...WORKER_ENTRY_THREADS, ...SQL_SYNTAX) },
  { files: ['test/**/*.worker.ts'], rules: syntax(NO_PARENT_PORT) },
  { files: ['engine/threads/worker.ts'], rules: syntax(NO_PARENT_PORT, SERVE_ONLY_IN_ENTRIES) },
  { files: ['engine/threads/server.ts'], rules: syntax(NO_NEW_WORKER) },
  { files: ['engine/**'], rules: forbid(ELECTRON, REACT, RENDERER, DB, HOST) },
  { files: ['bench/**'], rules: forbid(ELECTRON, REACT, RENDERER, SQLITE) },
  { files: ['db/**'], rules: forbid(ELECTRON, REACT, RENDERER, HOST) },
  { files: ['api/**'], rules: forbid(ELECTRON, REACT, RENDERER, API_PURE) },
  { files: ['host/**', 'cli/**'], rules: forbid(ELECTRON, REACT, RENDERER, SQLITE, SQL_HELPERS) },
  { files: ['electron/**'], rules: forbid(REACT, RENDERER, SQLITE) },
  { files: ['renderer/**'], rules: forbid(ELECTRON, RENDERER_NO_BACKEND) },
  // Checkpoints hold the project's participant-state format, never XState's internal snapshot JSON.
  {
    files: ['engine/**', 'host/**', 'db/**', 'cli/**', 'electron/**', 'api/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['getPersistedSnapshot', 'restoreSnapshot'].map((property) => ({
          property,
          message: 'Store participants with engine/state/participant-state.ts (ParticipantTable.persistedJsonOf / fromStates), not XState persisted snapshots.',
        })),
      ],
    },
  },
);
