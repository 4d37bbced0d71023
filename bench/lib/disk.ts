import fs from 'node:fs';
import path from 'node:path';

/** Space a directory takes on disk (allocated blocks, not apparent sizes), in MiB. */
export function diskUsageMiB(dir: string): number {
  let bytes = 0;
  const walk = (p: string) => {
    const stat = fs.lstatSync(p);
    bytes += stat.blocks !== undefined ? stat.blocks * 512 : stat.size;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
  };
  walk(dir);
  return bytes / 2 ** 20;
}
