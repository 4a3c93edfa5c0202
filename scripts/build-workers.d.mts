export declare const WORKERS: Record<string, string>;
export declare function buildWorkers(outdir?: string): Promise<void>;
