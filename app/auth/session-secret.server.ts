import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, storeKind } from "~/store/config.server";

export const MIN_SECRET_LENGTH = 32;

/**
 * The secret that signs session cookies: SESSION_SECRET, or a random one generated on first start and kept in
 * DATA_DIR/session-secret (mode 0600) so that sessions survive restarts. A secret shorter than 32 characters is
 * refused with a message (the server does not start), never silently replaced: replacing it would sign everyone out.
 * On PostgreSQL it must be set: the servers behind one load balancer share no disk, and a cookie signed by one must
 * be accepted by the others.
 */
export function sessionSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`SESSION_SECRET is ${fromEnv.length} characters long; it must be at least ${MIN_SECRET_LENGTH}.`);
    return fromEnv;
  }
  if (storeKind() === "postgres") {
    throw new Error(
      `SESSION_SECRET must be set with STORE=postgres: every server behind the load balancer needs the same secret (at least ${MIN_SECRET_LENGTH} characters, e.g. from \`openssl rand -hex 32\`).`,
    );
  }
  const file = path.join(dataDir(), "session-secret");
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `${file} holds a secret of ${stored.length} characters; it must be at least ${MIN_SECRET_LENGTH}. Put a longer one in it (or delete it to have one generated, which signs everyone out).`,
      );
    }
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600, flag: "w" });
  chmodSync(file, 0o600);
  return secret;
}
