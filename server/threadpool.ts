// libuv's thread pool runs file I/O and password hashing (scrypt) alike; with its default 4 threads, a burst of
// sign-ins queued every file read and write behind the hashes (GET /healthz took up to 16 s during 200 sign-ins).
// The server hashes at most two passwords at a time (app/auth/password.server.ts), and the pool has 8 threads, so
// the store always has threads of its own. Must run before the pool is first used: server/main.ts imports it first.
process.env.UV_THREADPOOL_SIZE ??= "8";
