import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { freePort } from "../support/free-port";
import os from "node:os";
import path from "node:path";

/**
 * Servers of a test's own, beside the one Playwright starts: the same production build, on a port and (unless
 * given) a data directory of their own, for what must not touch the shared server (a second server on one data
 * directory, a store of the wrong shape, a full disk).
 */

export interface OwnServer {
  port: number;
  base: string;
  dataDir: string;
  child: ChildProcess;
  /** What the server wrote to stderr so far. */
  stderr: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
  /**
   * Stops it and removes its data directory, when that was made for it (not one the test passed in). Each test
   * removes only what it made: a sweep of every own server's directory removed those of servers still running in
   * other workers (a 503 in scenario-authoring, twice in a day).
   */
  discard: () => Promise<void>;
}

export async function startOwnServer(options: { dataDir?: string; env?: Record<string, string>; waitUntilUp?: boolean } = {}): Promise<OwnServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "wuye-e2e-own-"));
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SESSION_SECRET: "e2e-session-secret-not-for-production",
      NODE_ENV: "production",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: OwnServer = {
    port,
    base: `http://localhost:${port}`,
    dataDir,
    child,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    discard: async () => {
      await server.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (options.waitUntilUp === false) return server;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      // Bounded: a server that takes the connection and never answers fails here with its stderr, not at the test's timeout.
      if ((await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(5_000) })).status === 200) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${stderr}`);
}
