// The production server (built to build/server.js by scripts/build-server.mjs): node:http in front of the Remix build. It owns what applies to every response
// (security headers with a per-request CSP nonce, compression, static files) and to every request
// (the 64 KB body limit, refusing cross-site state changes), then hands the rest to Remix.
//
// No Express: what it added per request (its router, query parsing, a static-file lookup on every path, and
// @remix-run/express's abort signal, whose clean-up through a FinalizationRegistry ran in batches after garbage
// collections) was a large share of a role-play turn's time on the request thread.
// First, before anything can start libuv's thread pool: its size (see the README's settings).
import "./threadpool";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import Negotiator from "negotiator";
import serveStatic from "serve-static";
import { MAX_BODY_BYTES } from "../app/utils/body-limit";

const buildFile = path.resolve("build/index.js");
if (!existsSync(buildFile)) {
  console.error("No build found at build/index.js. Run `npm run build` (or `npm start`, which builds first).");
  process.exit(1);
}
/** The Remix build, with the entry's start and stop (app/entry.server.tsx). */
type AppBuild = ServerBuild & {
  entry: { module: { initialize(): Promise<{ dataDir: string; seeded: boolean }>; shutdown(): Promise<void> } };
};
const build = (await import(pathToFileURL(buildFile).href)) as AppBuild;

try {
  const { dataDir, seeded } = await build.entry.module.initialize();
  console.log(`Store: ${dataDir}${seeded ? " (demo data seeded: trainee / trainer / supervisor, password demo1234)" : ""}`);
} catch (error) {
  // A store file that does not parse, or broken courseware: refuse to start, name the file, touch nothing.
  console.error(`Refusing to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Short messages for what is refused before Remix sees the request, in the language the user chose. */
const REFUSALS: Record<"tooLarge" | "crossSite" | "badRequest", Record<"zh-CN" | "en", string>> = {
  tooLarge: { "zh-CN": "提交的内容过大（上限 64 KB），请精简后重试。", en: "The submission is too large (limit 64 KB). Please shorten it and try again." },
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

function securityHeaders(res: ServerResponse, nonce: string) {
  res.setHeader(
    "Content-Security-Policy",
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
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
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

function requestUrl(req: IncomingMessage): URL {
  const trusted = trustedProxies.has(req.socket.remoteAddress ?? "");
  const forwarded = (name: "x-forwarded-proto" | "x-forwarded-host") => {
    const value = trusted ? req.headers[name] : undefined;
    return (Array.isArray(value) ? value[0] : value)?.split(",")[0].trim();
  };
  const protocol = forwarded("x-forwarded-proto") === "https" ? "https" : "http";
  const host = forwarded("x-forwarded-host") ?? req.headers.host ?? "localhost";
  return new URL(`${protocol}://${host}${req.url}`);
}

/** The body of a request, or null once it has passed `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

const handleRemix = createRequestHandler(build, process.env.NODE_ENV === "development" ? "development" : "production");

async function remix(req: IncomingMessage, res: ServerResponse, nonce: string) {
  let url: URL;
  try {
    url = requestUrl(req);
  } catch {
    return refuse(req, res, 400, "badRequest"); // a Host header that is not a host
  }
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const init: RequestInit = { method: req.method, headers };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return refuse(req, res, 413, "tooLarge");
    // A Buffer is a Uint8Array over a plain ArrayBuffer (never shared memory): passed as it is, not copied.
    init.body = body as Uint8Array<ArrayBuffer>;
  }
  // No abort signal: a client that goes away does not stop a write half-way.
  const response = await handleRemix(new Request(url.href, init), { nonce, clientAddress: clientAddress(req) });
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (!response.body) return res.end();
  sendWhole(req, res, Buffer.from(await response.arrayBuffer()));
}

// Remix's answers are compressed here, whole, in one synchronous call. Through the compression middleware each
// was a zlib stream (written chunk by chunk, even a two-byte body), usually brotli with a 4 MB window allocated
// per response: 0.7-1 ms of CPU for a few KB of page data, against ~50 µs for gzipSync with these settings
// (a 16 KB window and smaller hash tables; no answer here is more than tens of KB).
const COMPRESS_FROM_BYTES = 1024;
const GZIP_OPTIONS = { memLevel: 7, windowBits: 14 };

function sendWhole(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const vary = res.getHeader("Vary");
  res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  let sent = body;
  if (body.length >= COMPRESS_FROM_BYTES && !res.getHeader("Content-Encoding") && new Negotiator(req).encoding(["gzip", "identity"]) === "gzip") {
    sent = gzipSync(body, GZIP_OPTIONS);
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", sent.length);
  res.end(sent);
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

// Static files are compressed as they stream from disk (the build's are fetched once per browser: cached a year).
// compression's types are Express's; it is connect middleware and needs only Node's request and response.
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const compress = compression() as unknown as Middleware;

// `npm run bench` only (BENCH_METRICS=1): the longest event-loop stall since the last reset, this process's CPU
// time and memory, measured in here, and a CPU profile of the measured phases.
const benchMetrics = process.env.BENCH_METRICS === "1" ? await benchMetricsRoutes() : null;

async function benchMetricsRoutes() {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
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
      });
    },
    "POST /bench-metrics/reset": (res) => {
      loop.reset();
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
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return refuse(req, res, 413, "tooLarge");
  if (STATE_CHANGING.has(req.method ?? "") && !sameSite(req)) return refuse(req, res, 403, "crossSite");

  const pathname = (req.url ?? "/").split("?", 1)[0];
  const benchRoute = benchMetrics?.[`${req.method} ${pathname}`];
  if (benchRoute) return benchRoute(res);

  const next = (): Promise<void> =>
    remix(req, res, nonce).then(
      () => undefined,
      (error) => void fail(res, error),
    );
  if (req.method === "POST" && (pathname === "/login" || pathname === "/login.data")) return admittedSignIn(next);
  const reading = req.method === "GET" || req.method === "HEAD";
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
