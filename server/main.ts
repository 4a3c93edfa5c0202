// The production server (built to build/server.js by scripts/build-server.mjs): node:http in front of the Remix build.
// Node's request becomes a Fetch Request, and Remix's Response is streamed back, by @remix-run/node-fetch-server
// (the Remix team's adapter). This file owns only what applies to every response (the security headers with a
// per-request CSP nonce, compression, static files) and to every request (the body limit, refusing cross-site
// state changes, letting sign-ins in a few at a time), and the start and stop.
// First, before anything can start libuv's thread pool: its size (see the README's settings).
import "./threadpool";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { constants as zlib, gzip } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createRequest, sendResponse } from "@remix-run/node-fetch-server";
import compression from "compression";
import Negotiator from "negotiator";
import serveStatic from "serve-static";
import { bodyLimitFor, MAX_BODY_BYTES } from "../app/utils/body-limit";

const buildFile = path.resolve("build/index.js");
if (!existsSync(buildFile)) {
  console.error("No build found at build/index.js. Run `npm run build` (or `npm start`, which builds first).");
  process.exit(1);
}
/** The Remix build, with the entry's start and stop (app/entry.server.tsx). */
type AppBuild = ServerBuild & {
  entry: { module: { initialize(): Promise<{ store: string; seeded: boolean }>; shutdown(): Promise<void> } };
};
const build = (await import(pathToFileURL(buildFile).href)) as AppBuild;

try {
  const { store, seeded } = await build.entry.module.initialize();
  console.log(`Store: ${store}${seeded ? " (demo data seeded: trainee / trainer / supervisor, password demo1234)" : ""}`);
} catch (error) {
  // A store file that does not parse, or broken courseware: refuse to start, name the file, touch nothing.
  console.error(`Refusing to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Short messages for what is refused before Remix sees the request, in the language the user chose. */
const REFUSALS: Record<"tooLarge" | "tooLargeScript" | "crossSite" | "badRequest", Record<"zh-CN" | "en", string>> = {
  tooLarge: { "zh-CN": "提交的内容过大（上限 64 KB），请精简后重试。", en: "The submission is too large (limit 64 KB). Please shorten it and try again." },
  tooLargeScript: {
    "zh-CN": "提交的内容过大（情景脚本上限 512 KB），请精简后重试。",
    en: "The submission is too large (limit 512 KB for a scenario script). Please shorten it and try again.",
  },
  crossSite: {
    "zh-CN": "请求来自其他网站，已拒绝。请在本站页面上操作。",
    en: "This request came from another site and was refused. Please use this site's own pages.",
  },
  badRequest: { "zh-CN": "请求无法识别，请返回上一页重试。", en: "The request could not be understood. Please go back and try again." },
};

function refuse(req: IncomingMessage, res: ServerResponse, status: number, key: keyof typeof REFUSALS) {
  const lang = /(?:^|;\s*)lang=en(?:;|$)/.test(req.headers.cookie ?? "") ? "en" : "zh-CN";
  const body = REFUSALS[key][lang];
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body), Connection: "close" });
  res.end(body);
}

/**
 * How much of a body over the limit is read and thrown away before the 413 is sent. A client still sending when the
 * server answers and closes gets a broken pipe instead of the message (seen in the 2 MB import test); reading the
 * rest first lets it read the refusal. A body declared larger than this is refused at once and the connection cut.
 */
const DISCARD_AT_MOST = 8 * 1024 * 1024;

function refuseOversized(req: IncomingMessage, res: ServerResponse, key: "tooLarge" | "tooLargeScript") {
  if (Number(req.headers["content-length"]) > DISCARD_AT_MOST) return refuse(req, res, 413, key);
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_AT_MOST) req.destroy();
  });
  req.once("end", () => refuse(req, res, 413, key));
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameSite(req: IncomingMessage): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (!source || source === "null") return !req.headers.origin; // no Origin/Referer: not a browser's cross-site form
  try {
    return new URL(source).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Every response's security headers, in one table; the CSP carries the request's nonce for Remix's inline scripts. */
const SECURITY_HEADERS: ReadonlyArray<[name: string, value: (nonce: string) => string]> = [
  [
    "Content-Security-Policy",
    (nonce) =>
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
  ],
  ["X-Content-Type-Options", () => "nosniff"],
  ["Referrer-Policy", () => "same-origin"],
  ["X-Frame-Options", () => "DENY"],
  ["Cross-Origin-Opener-Policy", () => "same-origin"],
];

function securityHeaders(res: ServerResponse, nonce: string) {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value(nonce));
}

/**
 * X-Forwarded-Proto and X-Forwarded-Host are believed only from these peers (TRUST_PROXY: comma-separated
 * addresses, or `loopback`, the default, for a reverse proxy on the same machine).
 */
const trustedProxies = new Set(
  (process.env.TRUST_PROXY ?? "loopback").split(",").flatMap((entry) => {
    const address = entry.trim();
    return address === "loopback" ? ["127.0.0.1", "::1", "::ffff:127.0.0.1"] : address ? [address, `::ffff:${address}`] : [];
  }),
);

/** The address a request came from: the peer, or behind trusted proxies the last address they did not add. */
function clientAddress(req: IncomingMessage): string {
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  if (!trustedProxies.has(req.socket.remoteAddress ?? "")) return peer || "unknown";
  const forwardedFor = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((a) => a.trim().replace(/^::ffff:/, ""))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i])) return hops[i];
  return peer || "unknown";
}

const handleRemix = createRequestHandler(build, process.env.NODE_ENV === "development" ? "development" : "production");

/**
 * Hands a request to Remix and streams its answer back. The request's body is read by the action that wants it
 * (`readForm` stops past the body limit); its signal aborts when the client goes away, and a write already begun
 * still finishes (the store does not watch the signal).
 */
async function remix(req: IncomingMessage, res: ServerResponse, nonce: string) {
  let request: Request;
  try {
    // Behind a trusted proxy, its X-Forwarded-Proto and -Host make the URL (node-fetch-server reads them).
    request = createRequest(req, res, { trustProxy: trustedProxies.has(req.socket.remoteAddress ?? "") });
  } catch {
    return refuse(req, res, 400, "badRequest"); // a Host header that is not a host
  }
  const response = await handleRemix(request, { nonce, clientAddress: clientAddress(req) });
  await sendResponse(res, await compressedPage(req, response));
}

const PAGE_TYPES = /^(text\/html|text\/csv|text\/plain)/;

const gzipped = promisify(gzip);

/**
 * Remix's pages (HTML, the CSV export) are gzipped whole, in one call on libuv's thread pool. Nothing is lost by not
 * streaming them: a page is rendered whole before its first byte is sent (entry.server waits for `allReady`), and
 * the CSV is built whole. Gzipping React's output as it came, 2 KB at a time through CompressionStream, cost ten
 * times the CPU (2.1 ms against 0.2 ms for a 35 KB page; a third of the server's time on the trainer's page).
 * Not their data answers (single fetch, `.data`: a turn, a form's result): a few KB each, and compressing those cost
 * more CPU than the turn itself (npm run bench at 350 turns/s: p95 249 ms with, 39 ms without).
 */
async function compressedPage(req: IncomingMessage, response: Response): Promise<Response> {
  const acceptsGzip = new Negotiator(req).encoding(["gzip", "identity"]) === "gzip";
  const type = response.headers.get("Content-Type") ?? "";
  if (!acceptsGzip || !response.body || req.method === "HEAD" || response.headers.has("Content-Encoding") || !PAGE_TYPES.test(type)) return response;
  const body = await gzipped(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set("Content-Encoding", "gzip");
  headers.set("Content-Length", String(body.byteLength));
  headers.append("Vary", "Accept-Encoding");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

// Static files: the build's fingerprinted assets, cached for a year, and the few files at the top of public/.
// Anything else goes to Remix without a look at the disk.
const buildAssets = serveStatic("public", { immutable: true, maxAge: "1y", index: false, redirect: false });
const publicAssets = serveStatic("public", { maxAge: "1h", index: false, redirect: false });
const topLevelFiles = new Set(
  readdirSync("public")
    .filter((name) => statSync(path.join("public", name)).isFile())
    .map((name) => `/${name}`),
);

// Static files of 1 KB or more are compressed as they stream from disk. Small windows: no file here is more
// than tens of KB, and brotli's default 4 MB window (allocated per response) cost more CPU than a turn's scoring.
// compression's types are Express's; it is connect middleware and needs only Node's request and response.
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const compress = compression({
  threshold: 1024,
  windowBits: 14,
  memLevel: 7,
  brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_LGWIN]: 16 } },
}) as unknown as Middleware;

// `npm run bench` only (BENCH_METRICS=1): the longest event-loop stall since the last reset, this process's CPU
// time and memory, measured in here, and a CPU profile of the measured phases.
const benchMetrics = process.env.BENCH_METRICS === "1" ? await benchMetricsRoutes() : null;

async function benchMetricsRoutes() {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // The longest garbage-collection pause of each kind since the last reset: a stall that lines up with one is
  // the collector's, not our code's.
  const gcPauses = new Map<string, { count: number; maxMs: number; totalMs: number }>();
  const gcKinds: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weakcb" };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKinds[(entry as unknown as { detail: { kind: number } }).detail.kind] ?? "other";
      const seen = gcPauses.get(kind) ?? { count: 0, maxMs: 0, totalMs: 0 };
      gcPauses.set(kind, { count: seen.count + 1, maxMs: Math.max(seen.maxMs, entry.duration), totalMs: seen.totalMs + entry.duration });
    }
  }).observe({ entryTypes: ["gc"] });
  const { Session } = await import("node:inspector/promises");
  const inspector = new Session();
  inspector.connect();
  const json = (res: ServerResponse, value: unknown) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(value));
  };
  const routes: Record<string, (res: ServerResponse) => void | Promise<void>> = {
    "GET /bench-metrics": (res) => {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      json(res, {
        maxStallMs: loop.max / 1e6,
        p99StallMs: loop.percentile(99) / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssMb: memory.rss / 2 ** 20,
        heapUsedMb: memory.heapUsed / 2 ** 20,
        gcPauses: Object.fromEntries(gcPauses),
      });
    },
    "POST /bench-metrics/reset": (res) => {
      loop.reset();
      gcPauses.clear();
      json(res, { ok: true });
    },
    "POST /bench-metrics/profile/start": async (res) => {
      await inspector.post("Profiler.enable");
      await inspector.post("Profiler.start");
      json(res, { ok: true });
    },
    "POST /bench-metrics/profile/stop": async (res) => {
      const { profile } = await inspector.post("Profiler.stop");
      json(res, profile);
    },
  };
  return routes;
}

/**
 * Sign-in posts are let into the app a few at a time, each handing over to the next through the event loop:
 * 200 sign-ins arriving together (a shift starting) were otherwise worked through, hashing and page rendering
 * included, in long unbroken runs of the event loop, while every other request (a trainee's turn, the health
 * check) waited. The rest wait here, parsed but not yet handled.
 */
const SIGN_INS_AT_ONCE = 4;
let signingIn = 0;
const waitingToSignIn: Array<() => void> = [];

async function admittedSignIn(handler: () => Promise<void>): Promise<void> {
  if (signingIn >= SIGN_INS_AT_ONCE) await new Promise<void>((resolve) => waitingToSignIn.push(resolve));
  signingIn += 1;
  try {
    return await handler();
  } finally {
    signingIn -= 1;
    const next = waitingToSignIn.shift();
    if (next) setImmediate(next);
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const nonce = randomBytes(16).toString("base64");
  securityHeaders(res, nonce);
  const pathname = (req.url ?? "/").split("?", 1)[0];
  const limit = bodyLimitFor(pathname);
  if (Number(req.headers["content-length"] ?? 0) > limit) return refuseOversized(req, res, limit === MAX_BODY_BYTES ? "tooLarge" : "tooLargeScript");
  if (STATE_CHANGING.has(req.method ?? "") && !sameSite(req)) return refuse(req, res, 403, "crossSite");

  const benchRoute = benchMetrics?.[`${req.method} ${pathname}`];
  if (benchRoute) return benchRoute(res);

  const next = (): Promise<void> =>
    remix(req, res, nonce).then(
      () => undefined,
      (error) => void fail(res, error),
    );
  const reading = req.method === "GET" || req.method === "HEAD";
  if (req.method === "POST" && (pathname === "/login" || pathname === "/login.data")) return admittedSignIn(next);
  // Static files stream from disk through the compression middleware; Remix's answers are compressed in remix().
  if (reading && pathname.startsWith("/build/")) return compress(req, res, () => buildAssets(req, res, () => void next()));
  if (reading && topLevelFiles.has(pathname)) return compress(req, res, () => publicAssets(req, res, () => void next()));
  return next();
}

/** Remix answers errors itself (error boundaries); this is for a failure outside it. */
function fail(res: ServerResponse, error: unknown) {
  console.error(error);
  if (res.headersSent) return res.destroy();
  res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("服务器内部错误 / Internal server error");
}

const port = Number(process.env.PORT || 3000);
const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => fail(res, error));
});
// Node closes an idle kept-alive connection after 5 s by default. A client that sends its next request just as
// the server closes gets ECONNRESET instead of an answer (browsers retry such a request; most HTTP clients,
// and a reverse proxy's pooled connections, do not). 65 s outlasts the usual pauses between a trainee's requests
// and nginx's 60 s upstream keep-alive. Header timeout above it, as Node's documentation advises.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => {
  console.log(`物业客服实训平台 listening on http://localhost:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    console.log(`${signal}: finishing open requests, then stopping`);
    server.close(() =>
      build.entry.module.shutdown().then(
        () => process.exit(0),
        (error) => {
          // Nothing is lost: the journal stays, and the next start replays it.
          console.error(`Stopping without a checkpoint of the store's journal: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      ),
    );
    server.closeIdleConnections();
  });
}
