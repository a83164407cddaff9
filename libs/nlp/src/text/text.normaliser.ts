// Lone UTF-16 surrogates are not characters; they appear when binary data or a truncated string
// is decoded as text. They become U+FFFD so later stages (and JSON encoders) see valid Unicode.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Tab, newline and the other separators stand for a space; every other C0/C1 control is noise.
const whitespaceControl = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const otherControl = /\p{Cc}/gu;
// Zero-width and bidi format characters hide inside copied text and split words invisibly.
// U+200D (zero-width joiner) is kept: it glues multi-part emoji together.
const invisibleFormat = /[\u00AD\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// NFKC leaves typographic quotes alone; folding them lets "don’t" and "don't" be one token.
const curlyApostrophe = /[\u2018\u2019\u02BC\uFF07]/g;
const curlyQuote = /[\u201C\u201D\u201E\u00AB\u00BB]/g;
const spaces = /\s+/g;

/**
 * Canonical form of user text: Unicode NFKC (UAX #15, so full-width "ＡＢＣ１" reads as "abc1"),
 * lower case, control and invisible characters removed, whitespace collapsed.
 */
export function normaliseText(text: string): string {
  return text
    .replace(loneSurrogate, '\uFFFD')
    .normalize('NFKC')
    .replace(whitespaceControl, ' ')
    .replace(otherControl, '')
    .replace(invisibleFormat, '')
    .replace(curlyApostrophe, "'")
    .replace(curlyQuote, '"')
    .toLowerCase()
    .replace(spaces, ' ')
    .trim();
}
