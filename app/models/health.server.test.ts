import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz";
import { whileDatabaseGone, withTempSchema } from "../../tests/support/stores";

withTempSchema();

describe("/healthz on PostgreSQL", () => {
  it("answers 200 while the database answers, 503 while it is gone, and 200 again once it is back", async () => {
    expect((await loader()).status).toBe(200);
    const gone = await whileDatabaseGone(() => loader());
    expect(gone.status).toBe(503);
    expect(await gone.text()).toBe("store unavailable (database unreachable)");
    expect((await loader()).status).toBe(200);
  });
});
