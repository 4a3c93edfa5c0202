import { describe, expect, it, vi } from "vitest";
import { StoreUnavailable } from "~/store/store-unavailable";
import { StoreWriteError } from "~/store/durable-writer.server";
import { withStoreErrors } from "./store-errors.server";

const request = (lang: "zh-CN" | "en") => new Request("http://localhost/", { headers: { Cookie: `lang=${lang}` } });

async function refusalOf(work: () => Promise<unknown>, lang: "zh-CN" | "en"): Promise<Response> {
  try {
    await withStoreErrors(request(lang), work);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("not refused");
}

describe("withStoreErrors", () => {
  it("answers 503 in the user's language when the database cannot be reached", async () => {
    const gone = () => Promise.reject(new StoreUnavailable("db.example.cn:5432", "connect ECONNREFUSED"));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const zh = await refusalOf(gone, "zh-CN");
    expect(zh.status).toBe(503);
    expect(await zh.text()).toBe("暂时无法连接数据库，刚才的操作没有完成，请稍后再试。");
    const en = await refusalOf(gone, "en");
    expect(en.status).toBe(503);
    expect(await en.text()).toMatch(/cannot reach its database/);
    log.mockRestore();
  });

  it("answers 503 for a full disk, and lets other errors through as they are", async () => {
    const full = new StoreWriteError("no space left on device", "ENOSPC");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await refusalOf(() => Promise.reject(full), "zh-CN")).status).toBe(503);
    // The operator's log says what was refused and why; the user's page does not.
    expect(log).toHaveBeenCalledWith("store refused GET / [ENOSPC]: no space left on device");
    log.mockRestore();
    await expect(withStoreErrors(request("en"), () => Promise.reject(new TypeError("a bug")))).rejects.toBeInstanceOf(TypeError);
  });
});
