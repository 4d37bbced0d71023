import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PgliteStore } from './pglite-store.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-lock-'));

describe('the embedded database directory', () => {
  it('refuses a second opener while the first holds it, and opens again once closed', async () => {
    const dir = tempDir();
    const first = await PgliteStore.open(dir);
    await expect(PgliteStore.open(dir)).rejects.toMatchObject({ code: 'DATABASE_IN_USE' });
    await first.close();
    const second = await PgliteStore.open(dir);
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock left behind by a process that died', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, 'passerelle.lock'), dead);
    const store = await PgliteStore.open(dir);
    expect(fs.readFileSync(path.join(dir, 'passerelle.lock'), 'utf8')).toBe(String(process.pid));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
