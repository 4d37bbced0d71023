import fs from 'node:fs';

/**
 * Peak resident memory of this process, in MiB. Linux keeps the high-water mark (VmHWM in
 * /proc/self/status), which sees peaks between samples; elsewhere, the sampled maximum.
 */
export class PeakRss {
  private sampledMax = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    this.sampledMax = Math.max(this.sampledMax, process.memoryUsage().rss);
  }

  /** Stops sampling and returns the peak. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.max(this.sampledMax / 2 ** 20, vmHwmMiB() ?? 0);
  }
}

/** The kernel's high-water mark of resident memory, or null off Linux. */
export function vmHwmMiB(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
