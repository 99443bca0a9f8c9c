// The app's data functions import "server-only", which throws outside a React Server Component
// bundle. This benchmark calls them directly, as the Vitest alias (lib/testing/server-only-stub.ts)
// lets the tests do: the module is put into the CommonJS cache as an empty one before they load.
// Import this module before anything under lib/data or lib/db.
const resolved = require.resolve("server-only");
require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: {} } as unknown as NodeJS.Module;

export {};
