import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogOptions } from './service-module';

function logged(entry: Record<string, unknown>): string {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const { level, base, redact } = requestLogOptions('insight', 'info');
  const logger = pino({ level, base, redact }, sink);
  logger.info(entry, 'request completed');
  return output;
}

describe('request log redaction', () => {
  it('never writes credentials carried in request headers', () => {
    const line = logged({
      req: {
        method: 'POST',
        url: '/admin/topics/retrain',
        headers: {
          authorization: 'Bearer admin-token-that-must-not-leak',
          cookie: 'session=secret-cookie',
          'x-api-key': 'secret-api-key',
          'user-agent': 'analytics-node',
        },
      },
    });
    expect(line).not.toContain('admin-token-that-must-not-leak');
    expect(line).not.toContain('secret-cookie');
    expect(line).not.toContain('secret-api-key');
    const headers = (JSON.parse(line) as { req: { headers: Record<string, string> } }).req.headers;
    expect(headers.authorization).toBe('[redacted]');
    expect(headers['user-agent']).toBe('analytics-node');
  });
});
