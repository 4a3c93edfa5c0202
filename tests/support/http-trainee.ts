import http from "node:http";
import zlib from "node:zlib";

/**
 * A trainee's browser as plain HTTP requests, for the load bench and the two-server end-to-end tests: sign-in,
 * account creation through the supervisor's form, and angry-owner played turn by turn with the requests the page
 * makes with JavaScript (Remix single fetch).
 */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
// A trainee who handles the call well: one reply for each of angry-owner's six turns on its way to "resolved"
// (a reply that does not fit the owner's line makes her escalate, and the attempt ends early).
export const REPLIES = [
  "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？",
  "您做得对，千万别开灯。麻烦您先把配电箱里卫生间那一路的开关拉下来，拿个盆接一下水。方便留一个联系电话吗？",
  "我现在就通知工程部值班师傅，30分钟内到您家先看漏点、做临时处理，到之前师傅会先给您打电话。",
  "1302这边由我们来联系，您不用再上去敲门了。我今晚就打他们登记的电话，联系不上明天一早让管家上门，有结果我第一时间告诉您。",
  "理解您的不满，同一个问题反复出现，确实是我们没做好。这次我全程跟进：今晚先止住漏水，明天下午5点前工程部给您修复方案，修好后我会回访您。",
  "好的刘女士，电话138 1234 5678我记下了。师傅30分钟内到，今晚10点前我再给您回个电话确认漏水止住没有。给您添麻烦了，谢谢您的耐心。",
];

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function send(
  port: number,
  method: string,
  url: string,
  options: { form?: Record<string, string>; cookie?: string } = {},
  retried = false,
): Promise<Reply> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: url,
        agent: retried ? undefined : agent,
        headers: {
          // As a browser does, so the server compresses what it would compress for one.
          "Accept-Encoding": "gzip, deflate, br",
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}),
          ...(options.cookie ? { Cookie: options.cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          try {
            const raw = Buffer.concat(chunks);
            const encoding = res.headers["content-encoding"];
            const text = (
              encoding === "br"
                ? zlib.brotliDecompressSync(raw)
                : encoding === "gzip"
                  ? zlib.gunzipSync(raw)
                  : encoding === "deflate"
                    ? zlib.inflateSync(raw)
                    : raw
            ).toString("utf8");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed while it sat idle: send again once, on a new connection.
      if (req.reusedSocket && error.code === "ECONNRESET" && !retried) resolve(send(port, method, url, options, true));
      else reject(error);
    });
    if (body) req.write(body);
    req.end();
  });
}

export const cookieOf = (r: Reply) => (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

export async function signIn(port: number, username: string, password: string): Promise<string> {
  const r = await send(port, "POST", "/login", { form: { username, password } });
  if (r.status !== 302) throw new Error(`sign-in ${username}: ${r.status}`);
  return cookieOf(r);
}

/** A new account's first sign-in: the password the supervisor set is replaced, as the app requires before anything else. */
export async function firstSignIn(port: number, username: string, initial: string): Promise<string> {
  const cookie = await signIn(port, username, initial);
  const chosen = `${initial}-own`;
  const r = await send(port, "POST", "/account", {
    cookie,
    form: { intent: "password", currentPassword: initial, newPassword: chosen, confirmPassword: chosen },
  });
  if (r.status !== 302 && r.status !== 200) throw new Error(`password change ${username}: ${r.status}`);
  return cookieOf(r) || cookie;
}

export async function createTrainees(port: number, count: number, prefix: string): Promise<string[]> {
  const supervisor = await signIn(port, "supervisor", "demo1234");
  const page = await send(port, "GET", "/supervisor/users", { cookie: supervisor });
  const teamId = /<option value="([a-z0-9]+)">阳光花园<\/option>/.exec(page.body)![1];
  const cookies: string[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, k) => `${prefix}${i + k}`);
    // Posted to the page's data URL, as the page posts it with JavaScript: the list of every account is not
    // rendered back for each one.
    const created = await Promise.all(
      batch.map((username) =>
        send(port, "POST", "/supervisor/users.data?index", {
          cookie: supervisor,
          form: { intent: "create-user", username, displayName: `压测${username}`, role: "trainee", teamId, password: "password123" },
        }),
      ),
    );
    created.forEach((r, k) => {
      if (r.status !== 200) throw new Error(`create ${batch[k]}: ${r.status}`);
    });
    cookies.push(...(await Promise.all(batch.map((u) => firstSignIn(port, u, "password123")))));
  }
  return cookies;
}

/** Where the browser fetches a page's data (single fetch): `/a/b?q` → `/a/b.data?q`. */
export function dataUrlOf(target: string): string {
  const [pathname, query] = target.split("?");
  return `${pathname}.data${query ? `?${query}` : ""}`;
}

/** The play page the simulated trainees use, and where its form posts (`?index`: the form sits in an index route). */
export const PLAY_PAGE = "/practice/angry-owner?mode=practice";
export const PLAY_FORM_POST = "/practice/angry-owner.data?index&mode=practice";

/**
 * A simulated trainee playing angry-owner in practice mode, starting a new attempt whenever one ends, with the
 * requests the page makes in a browser with JavaScript (Remix single fetch): a form is posted to the route's
 * `.data` URL (`?index`, as the form sits in an index route). A reply is answered with the next turn's view in
 * that response; a start, or the reply that ends the call, is answered 202 with where to go, and the browser then
 * fetches that page's data.
 */
export class Trainee {
  attemptId: string | null = null;
  turn = 1;
  /** The server this trainee's next request goes to (a load balancer may send each request to another). */
  constructor(
    public port: number,
    readonly cookie: string,
  ) {}

  /** Posts the play page's form; returns where the server sends the browser next, or null if it answered in place. */
  async post(form: Record<string, string>): Promise<string | null> {
    const r = await send(this.port, "POST", PLAY_FORM_POST, { cookie: this.cookie, form });
    if (r.status === 200 && r.body.includes('"played"')) return null;
    const target = /"redirect","([^"]+)"/.exec(r.body);
    if (r.status !== 202 || !target) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 80)}`);
    return target[1];
  }

  /** Posts the reply this trainee gives at the current turn; returns where the server sends the browser, if anywhere. */
  reply(): Promise<string | null> {
    return this.post({
      intent: "reply",
      respond: "view",
      attemptId: this.attemptId!,
      turn: String(this.turn),
      text: REPLIES[(this.turn - 1) % REPLIES.length],
    });
  }

  /** Fetches the data of the page a post sent the browser to (path and query, as the browser asks for it). */
  async follow(target: string): Promise<string> {
    const r = await send(this.port, "GET", dataUrlOf(target), { cookie: this.cookie });
    if (r.status !== 200) throw new Error(`HTTP ${r.status} for ${dataUrlOf(target)}`);
    return r.body;
  }

  async ensureAttempt() {
    if (this.attemptId) return;
    const target = await this.post({ intent: "start" });
    if (!target) throw new Error("a start was not answered with a redirect");
    const data = await this.follow(target);
    // The play view is packed (one JSON string inside the turbo-stream): its quotes arrive escaped.
    const attemptId = /\\"attemptId\\":\\"([a-z0-9]{6,40}\.[A-Za-z0-9_-]{16})\\"/.exec(data);
    const nextTurn = /\\"nextTurn\\":(\d+)/.exec(data);
    if (!attemptId || !nextTurn) throw new Error("no attempt in the page data");
    this.attemptId = attemptId[1];
    this.turn = Number(nextTurn[1]);
  }

  /**
   * One turn as the trainee waits for it: the reply's post, answered with the next turn, or after the last turn
   * the report's data. Throws, saying why, if it failed.
   */
  async takeTurn(): Promise<boolean> {
    const target = await this.reply();
    if (target) {
      await this.follow(target);
      if (!target.includes("/attempts/")) throw new Error(`a reply was sent to ${target}`);
      this.attemptId = null;
    } else this.turn += 1;
    return true;
  }
}
