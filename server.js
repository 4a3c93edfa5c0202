// The production server: Express in front of the Remix build. It owns what applies to every response
// (security headers with a per-request CSP nonce, compression, static files) and to every request
// (the 64 KB body limit, refusing cross-site state changes), then hands the rest to Remix.
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const MAX_BODY_BYTES = 64 * 1024;
const buildFile = path.resolve("build/index.js");
if (!existsSync(buildFile)) {
  console.error("No build found at build/index.js. Run `npm run build` (or `npm start`, which builds first).");
  process.exit(1);
}
const build = await import(pathToFileURL(buildFile).href);

try {
  const { dataDir, seeded } = await build.entry.module.initialize();
  console.log(`Store: ${dataDir}${seeded ? " (demo data seeded: trainee / trainer / supervisor, password demo1234)" : ""}`);
} catch (error) {
  // A store file that does not parse, or broken courseware: refuse to start, name the file, touch nothing.
  console.error(`Refusing to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Short messages for what is refused before Remix sees the request, in the language the user chose. */
const REFUSALS = {
  tooLarge: { "zh-CN": "提交的内容过大（上限 64 KB），请精简后重试。", en: "The submission is too large (limit 64 KB). Please shorten it and try again." },
  crossSite: { "zh-CN": "请求来自其他网站，已拒绝。请在本站页面上操作。", en: "This request came from another site and was refused. Please use this site's own pages." },
};

function refuse(req, res, status, key) {
  const lang = /(?:^|;\s*)lang=en(?:;|$)/.test(req.headers.cookie ?? "") ? "en" : "zh-CN";
  res.status(status).type("text/plain; charset=utf-8").send(REFUSALS[key][lang]);
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameSite(req) {
  const source = req.headers.origin ?? req.headers.referer;
  if (!source || source === "null") return !req.headers.origin; // no Origin/Referer: not a browser's cross-site form
  try {
    return new URL(source).host === req.headers.host;
  } catch {
    return false;
  }
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback");

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.set({
    "Content-Security-Policy": [
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
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  next();
});

app.use((req, res, next) => {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return refuse(req, res, 413, "tooLarge");
  if (STATE_CHANGING.has(req.method) && !sameSite(req)) return refuse(req, res, 403, "crossSite");
  next();
});

// Pages, page data and assets are compressed. A form post is answered with a redirect or a short error page,
// which gain nothing from it, and wrapping every response in compression's stream cost 3–5% of a turn.
const compress = compression();
app.use((req, res, next) => (req.method === "GET" || req.method === "HEAD" ? compress(req, res, next) : next()));

// `npm run bench` only (BENCH_METRICS=1): the longest event-loop stall since the last reset, measured in here.
if (process.env.BENCH_METRICS === "1") {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  app.get("/bench-metrics", (_req, res) => {
    const cpu = process.cpuUsage();
    res.json({ maxStallMs: loop.max / 1e6, p99StallMs: loop.percentile(99) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  app.post("/bench-metrics/reset", (_req, res) => {
    loop.reset();
    res.json({ ok: true });
  });
  // A CPU profile of the measured phases only (not of setting up accounts), written where the bench asks.
  const { Session } = await import("node:inspector/promises");
  const inspector = new Session();
  inspector.connect();
  app.post("/bench-metrics/profile/start", async (_req, res) => {
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.start");
    res.json({ ok: true });
  });
  app.post("/bench-metrics/profile/stop", async (_req, res) => {
    const { profile } = await inspector.post("Profiler.stop");
    res.json(profile);
  });
}
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "development" ? "development" : "production",
    getLoadContext: (_req, res) => ({ nonce: res.locals.nonce }),
  }),
);

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => {
  console.log(`物业客服实训平台 listening on http://localhost:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    console.log(`${signal}: finishing open requests, then stopping`);
    server.close(() => process.exit(0));
  });
}
