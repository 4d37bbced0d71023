import type { RecordLine, ScreenRequest } from './index-shard.ts';

/** What the sharded index asks a shard's thread (index-shard.worker.ts): IndexShard's methods, as messages. */
export type ShardRequest =
  | { op: 'apply'; lines: RecordLine[] }
  | { op: 'settle' }
  | { op: 'screen'; requests: ScreenRequest[] }
  | { op: 'rankBySpelling'; text: string }
  | { op: 'get'; id: string }
  | { op: 'stats' };

/** Its answer to request `seq` (0: the thread is ready). */
export type ShardResponse = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; message: string };
