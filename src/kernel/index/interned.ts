/**
 * A small value table: each distinct string gets a number, so an entry stores its schema,
 * dataset, owner, gender and nationalities in one or two bytes each.
 */
export class Interned {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];

  constructor(private readonly max: number) {}

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      if (code >= this.max) throw new Error(`more than ${this.max} distinct values in an index table`);
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  has(value: string): boolean {
    return this.codes.has(value);
  }

  value(code: number): string {
    const value = this.values[code];
    if (value === undefined) throw new Error(`no value ${code} in an index table`);
    return value;
  }
}
