// Vitest global setup: the store's writer thread runs from its built file, so build it before any test starts.
import { buildWorkers } from "../../scripts/build-server.mjs";

export default async function setup() {
  await buildWorkers();
}
