import { NlpError } from '../errors/nlp.error';
import { normaliseText } from '../text/text.normaliser';

export interface TextLimits {
  /** Largest accepted text in UTF-8 bytes; longer texts are rejected with TEXT_TOO_LARGE. */
  maxBytes: number;
  /** Largest accepted share of control, replacement or unpaired-surrogate characters. */
  maxBinaryShare: number;
}

// 32 KiB holds the longest reviews and tickets seen in practice (a few thousand words) while
// keeping one analysis well under a millisecond per kilobyte on a shared core.
export const defaultTextLimits: Readonly<TextLimits> = Object.freeze({
  maxBytes: 32_768,
  maxBinaryShare: 0.1,
});

export type TextRejectionCode = 'NOT_TEXT' | 'EMPTY_TEXT' | 'TEXT_TOO_LARGE' | 'BINARY_CONTENT';

export interface TextRejection {
  code: TextRejectionCode;
  message: string;
  details: Record<string, number | string>;
}

export type GuardedText =
  { ok: true; text: string; normalised: string } | { ok: false; rejection: TextRejection };

// Characters that do not occur in written language: C0/C1 controls other than tab and line
// breaks, U+FFFD (what a decoder emits for invalid bytes), noncharacters and unpaired surrogates.
// In Unicode mode a surrogate class only matches unpaired halves: a valid pair is one code point.
const binaryChar = /(?![\t\n\r])\p{Cc}|[\uFFFD\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** Checks limits once, at configuration time, so that guarding a text itself cannot throw. */
export function resolveTextLimits(overrides: Partial<TextLimits> = {}): TextLimits {
  const limits = { ...defaultTextLimits, ...overrides };
  if (!Number.isInteger(limits.maxBytes) || limits.maxBytes < 1) {
    throw new NlpError('CONFIG_INVALID', `maxBytes must be a positive integer, got ${limits.maxBytes}`);
  }
  if (!(limits.maxBinaryShare >= 0 && limits.maxBinaryShare <= 1)) {
    throw new NlpError(
      'CONFIG_INVALID',
      `maxBinaryShare must be within [0, 1], got ${limits.maxBinaryShare}`,
    );
  }
  return limits;
}

function reject(
  code: TextRejectionCode,
  message: string,
  details: TextRejection['details'] = {},
): GuardedText {
  return { ok: false, rejection: { code, message, details } };
}

/**
 * Decides whether a value is text worth analysing. Never throws: every refusal is a value with
 * a stable code, so a consumer can record it and move on instead of stalling on a message.
 */
export function guardText(input: unknown, limits: TextLimits = defaultTextLimits): GuardedText {
  if (typeof input !== 'string') {
    return reject('NOT_TEXT', `expected a string, got ${input === null ? 'null' : typeof input}`, {
      type: input === null ? 'null' : typeof input,
    });
  }
  // Each UTF-16 unit is at least one UTF-8 byte, so a long string is refused before it is measured.
  const bytes = input.length > limits.maxBytes ? input.length : Buffer.byteLength(input, 'utf8');
  if (bytes > limits.maxBytes) {
    return reject('TEXT_TOO_LARGE', `text is at least ${bytes} bytes, over the limit of ${limits.maxBytes}`, {
      bytes,
      maxBytes: limits.maxBytes,
    });
  }
  const binary = input.match(binaryChar)?.length ?? 0;
  const binaryShare = input.length === 0 ? 0 : binary / input.length;
  if (binaryShare > limits.maxBinaryShare) {
    return reject(
      'BINARY_CONTENT',
      `${(binaryShare * 100).toFixed(1)}% of the text is control or invalid characters (limit ${limits.maxBinaryShare * 100}%): binary data, not text`,
      { binaryShare, maxBinaryShare: limits.maxBinaryShare },
    );
  }
  const normalised = normaliseText(input);
  if (!letterOrDigit.test(normalised)) {
    return reject('EMPTY_TEXT', 'text has no letters or digits after normalisation', {
      length: input.length,
    });
  }
  return { ok: true, text: input, normalised };
}
