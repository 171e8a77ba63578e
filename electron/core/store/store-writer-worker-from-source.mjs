// Starts the writer thread from source (tsx, vitest): Node 20 does not carry the main thread's
// module hooks into workers, so tsx is registered here before the .ts entry is imported.
import { register } from 'tsx/esm/api';

register();
await import('./store-writer-worker.ts');
