// The subset of autocannon 8's API the benchmark uses (the package ships no types, and one
// declaration file is lighter than another pinned dependency).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
  }
  /** One load connection. */
  interface Client {
    setBody(body: string): void;
    on(event: 'response', listener: (status: number, bytes: number, durationMs: number) => void): this;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    setupClient?: (client: Client) => void;
    verifyBody?: (body: string) => boolean;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
