// A real HTTP service with a CPU-heavy endpoint: POST /hash returns the BLAKE3 of the request body.
// GET /health is what a load balancer probes; its latency shows whether hashing blocks the event loop.
//
//   HASH_MODE=js | native | native-async | receive-only  (default native-async)   PORT (default 3000; 0 = any free port)
//   npm run example:server
import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import Fastify from 'fastify';

const MODES = {
  // The "before": hashing in JavaScript, on the event loop.
  js: async (/** @type {Buffer} */ body) => js.hash(body),
  // Native but synchronous: much faster, still on the event loop.
  native: async (/** @type {Buffer} */ body) => native.hash(body),
  // Native on the libuv thread pool: the event loop stays free for other requests.
  'native-async': (/** @type {Buffer} */ body) => native.hashAsync(body),
  // No hashing at all: the floor the benchmark compares with, the cost of receiving the bodies.
  'receive-only': async () => new Uint8Array(32),
};

const mode = /** @type {keyof typeof MODES} */ (process.env.HASH_MODE ?? 'native-async');
const hash = MODES[mode];
if (hash === undefined) throw new Error(`HASH_MODE must be one of ${Object.keys(MODES).join(', ')}, got ${mode}`);

const app = Fastify({ bodyLimit: 64 * 1024 * 1024 });
app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/hash', async (request) => ({
  blake3: Buffer.from(await hash(/** @type {Buffer} */ (request.body))).toString('hex'),
}));
app.get('/health', async () => ({ ok: true }));

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
// The first line of output says where it listens, for scripts that start it with PORT=0.
console.log(JSON.stringify({ listening: address, mode }));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => void app.close());
