import { createHash, randomBytes } from 'node:crypto';

/** A new write key: shown to the caller once, stored only as its hash. */
export function generateWriteKey(): { key: string; hash: string; prefix: string } {
  const key = `uok_${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashWriteKey(key), prefix: key.slice(0, 8) };
}

export function hashWriteKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * The write key of a request, as Segment's SDKs send it: HTTP Basic with the key as the user name
 * and an empty password; or `writeKey` in the JSON body.
 */
export function writeKeyFrom(authorization: string | undefined, body: unknown): string | undefined {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (user) return user;
  }
  if (
    body &&
    typeof body === 'object' &&
    'writeKey' in body &&
    typeof body.writeKey === 'string' &&
    body.writeKey
  ) {
    return body.writeKey;
  }
  return undefined;
}
