/** `skillpack bench`: placeholder until the benchmark lands. */
export interface BenchOptions {
  root: string;
  runs: number;
  quick: boolean;
}

export async function benchCommand(_options: BenchOptions): Promise<number> {
  throw new Error('bench is not available yet');
}
