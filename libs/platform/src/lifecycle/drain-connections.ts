import type { FastifyInstance } from 'fastify';

/**
 * While the server closes, requests in flight finish, but their keep-alive connections would then
 * sit idle and hold `close()` up until the keep-alive timeout. So once closing has begun every
 * answer says `Connection: close`, and connections that went idle meanwhile are closed as soon as
 * their answer is out.
 */
export function closeConnectionsWhenDrained(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (closing && request.raw.httpVersionMajor < 2) void reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async () => {
    if (closing) setImmediate(() => fastify.server.closeIdleConnections());
  });
}
