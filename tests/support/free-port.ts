import { createServer } from "node:net";

/** A port the system considers free now (one it gave out, closed again), for a server of a test's or a bench's own. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
