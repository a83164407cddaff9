import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { IngestHttpError } from './ingest-http.error';

/**
 * Request bodies as Segment's API takes them: JSON whatever the content type claims (some SDKs
 * send text/plain), optionally gzip- or deflate-compressed. The decompressed size is bounded, so a
 * small compressed body cannot inflate without limit.
 */
export function registerRequestBodyParsing(fastify: FastifyInstance, maxBodyBytes: number): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip' && encoding !== 'deflate') {
      throw new IngestHttpError(
        415,
        'UNSUPPORTED_ENCODING',
        `Content-Encoding ${encoding} is not supported; use gzip, deflate or none`,
        [{ path: '(root)', message: 'Content-Encoding must be gzip, deflate or absent' }],
      );
    }
    delete request.headers['content-length'];
    const inflated = payload.pipe(encoding === 'gzip' ? createGunzip() : createInflate());
    let received = 0;
    inflated.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes)
        inflated.destroy(IngestHttpError.tooLarge(maxBodyBytes, 'the decompressed body'));
    });
    inflated.on('error', () => undefined);
    return inflated;
  });

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (request, body, done) => {
    const bytes = body as Buffer;
    (request as unknown as { bodyBytes: number }).bodyBytes = bytes.length;
    if (bytes.length === 0) {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(bytes.toString('utf8')));
    } catch (error) {
      done(
        new IngestHttpError(400, 'INVALID_JSON', `the body is not valid JSON: ${(error as Error).message}`, [
          { path: '(root)', message: `is not valid JSON (${(error as Error).message})` },
        ]),
      );
    }
  });
}

export function bodyBytesOf(request: unknown): number {
  return (request as { bodyBytes?: number }).bodyBytes ?? 0;
}
