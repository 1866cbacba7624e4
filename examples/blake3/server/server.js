// A real HTTP service with CPU-heavy endpoints. GET /health is what a load balancer probes; its
// latency shows whether hashing blocks the event loop.
//
//   POST /hash           the BLAKE3 of the request body: receiving the body is much of the work.
//   GET /documents/:id   a document the server holds in memory (rendered pages, build artifacts),
//                        with a strong ETag that is the BLAKE3 of its bytes, computed per request as
//                        @fastify/etag computes one: a client revalidating with If-None-Match gets a
//                        304 and no body, so hashing is the work.
//
//   HASH_MODE=js | native | native-async | receive-only  (default native-async)
//   DOCUMENT_BYTES (default 4 MiB)   PORT (default 3000; 0 = any free port)
//   npm run example:server
import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import Fastify from 'fastify';

const MODES = {
  // The "before": hashing in JavaScript, on the event loop.
  js: async (/** @type {Uint8Array} */ bytes) => js.hash(bytes),
  // Native but synchronous: much faster, still on the event loop.
  native: async (/** @type {Uint8Array} */ bytes) => native.hash(bytes),
  // Native on a job thread: the event loop stays free for other requests.
  'native-async': (/** @type {Uint8Array} */ bytes) => native.hashAsync(bytes),
  // No hashing at all: the floor the benchmark compares with, the cost of receiving the bodies.
  // For POST /hash only: every document gets the same (all-zero) ETag in this mode.
  'receive-only': async () => new Uint8Array(32),
};

const mode = /** @type {keyof typeof MODES} */ (process.env.HASH_MODE ?? 'native-async');
const hash = MODES[mode];
if (hash === undefined) throw new Error(`HASH_MODE must be one of ${Object.keys(MODES).join(', ')}, got ${mode}`);
const documentBytes = Number(process.env.DOCUMENT_BYTES ?? 4 * 1024 * 1024);
if (!Number.isSafeInteger(documentBytes) || documentBytes < 0) {
  throw new Error(`DOCUMENT_BYTES must be a whole number of bytes, got ${process.env.DOCUMENT_BYTES}`);
}
const documents = ['first', 'second', 'third'].map((name) => Buffer.alloc(documentBytes, `the ${name} document\n`));

const app = Fastify({ bodyLimit: 64 * 1024 * 1024 });
app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/hash', async (request) => ({
  blake3: Buffer.from(await hash(/** @type {Buffer} */ (request.body))).toString('hex'),
}));
// One URL per document: `01`, `1e0` or an empty id would name document 1 or 0 too, and caches would
// keep a copy under each.
const DOCUMENT_ID = /^(?:0|[1-9][0-9]{0,8})$/;
/**
 * GET, or HEAD (`withBody` false): the same headers, and the length a GET's body would have.
 * @param {import('fastify').FastifyRequest} request
 * @param {import('fastify').FastifyReply} reply
 * @param {boolean} withBody
 */
async function serveDocument(request, reply, withBody) {
  const { id } = /** @type {{ id: string }} */ (request.params);
  const document = DOCUMENT_ID.test(id) ? documents[Number(id)] : undefined;
  if (document === undefined) return reply.code(404).send({ error: 'no such document' });
  const etag = `"${Buffer.from(await hash(document)).toString('hex')}"`;
  reply.header('etag', etag);
  if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  reply.type('application/octet-stream');
  return withBody ? reply.send(document) : reply.header('content-length', document.length).send();
}
// HEAD has a route of its own: Fastify's automatic one answers a 304 with `content-length: 0`,
// which RFC 9110 (8.6) forbids: a 304 may carry only the length a 200 would have.
app.get('/documents/:id', { exposeHeadRoute: false }, (request, reply) => serveDocument(request, reply, true));
app.head('/documents/:id', (request, reply) => serveDocument(request, reply, false));

/**
 * Whether If-None-Match names the current representation (RFC 9110, 13.1.2): `*`, or a list of
 * entity tags compared weakly (`W/"x"` matches `"x"`), as proxies that compress a response weaken
 * its ETag. (@fastify/etag compares the whole header with ===, and misses lists and weak tags.)
 * @param {string | undefined} header
 * @param {string} etag
 */
function noneMatch(header, etag) {
  if (header === undefined) return false;
  // Only spaces and tabs are whitespace in HTTP headers (trim() would also drop U+00A0 and others).
  const trim = (/** @type {string} */ text) => text.replace(/^[ \t]+|[ \t]+$/g, '');
  if (trim(header) === '*') return true;
  return header.split(',').some((tag) => trim(tag).replace(/^W\//, '') === etag);
}
app.get('/health', async () => ({ ok: true }));

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
// The first line of output says where it listens, for scripts that start it with PORT=0.
console.log(JSON.stringify({ listening: address, mode }));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => void app.close());
