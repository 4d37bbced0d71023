import { parentPort } from 'node:worker_threads';
import { answerRequest, IndexShard } from './index-shard.ts';
import type { ShardRequest, ShardResponse } from './shard-protocol.ts';

/** Answers the sharded index's requests in order, one at a time (see sharded-index.ts). */
const port = parentPort;
if (!port) throw new Error('index-shard.worker.ts runs only as a worker thread');
const shard = new IndexShard();

port.on('message', (request: ShardRequest & { seq: number }) => {
  let response: ShardResponse;
  try {
    response = { seq: request.seq, ok: true, result: answerRequest(shard, request) };
  } catch (error) {
    response = { seq: request.seq, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(response);
});
port.postMessage({ seq: 0, ok: true, result: 'ready' } satisfies ShardResponse);
