import type { Config } from '../kernel/config.ts';
import type { Store } from '../kernel/store/store.ts';

// PLACEHOLDER (to be built by the demo helper): see the brief.
export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  orgId: string;
  totpSecret: string | null;
}

export interface DemoSummary {
  /** False when the database already had data and nothing was seeded. */
  seeded: boolean;
  records: number;
  logins: DemoLogin[];
}

export async function ensureDemoData(_store: Store, _config: Config, _options: { log: (line: string) => void }): Promise<DemoSummary> {
  return { seeded: false, records: 0, logins: [] };
}

export function formatDemoLogins(summary: DemoSummary): string {
  return summary.logins.map((l) => `${l.username} / ${l.password}`).join('\n');
}
