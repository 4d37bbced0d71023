// A name-index shard's thread: TypeScript is run through tsx here as in bin/passerelle.mjs,
// since a worker does not inherit the loader its parent was started with.
import { register } from 'tsx/esm/api';

register();
await import('./index-shard.worker.ts');
