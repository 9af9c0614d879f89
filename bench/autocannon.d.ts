// autocannon ships no types; this is the part of its API the API load scenarios use.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Run the load in this many worker threads, off the event loop of the server under test. */
    workers?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** A response whose body differs is counted in `mismatches`. */
    expectBody?: string;
    timeout?: number;
  }
  interface Histogram {
    average: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  export interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    duration: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
