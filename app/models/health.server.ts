import { access, constants } from "node:fs/promises";
import { dataDir } from "~/store/config.server";
import { usersFile } from "~/store/db.server";

/** The store is readable: its directory is there and readable/writable, and the users file is open. */
export async function storeIsReadable(): Promise<boolean> {
  try {
    await access(dataDir(), constants.R_OK | constants.W_OK);
    await usersFile();
    return true;
  } catch {
    return false;
  }
}
