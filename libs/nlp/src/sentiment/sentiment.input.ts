import type { LanguageCode } from '../language/language.detector';
import { clausesOfNormalised } from '../text/text.tokeniser';
import type { SentimentInput } from './sentiment.model';

const exclamation = /!/g;

/** What the sentiment model reads from normalised text: clauses, "!" count and language. */
export function sentimentInputOf(normalised: string, language?: LanguageCode): SentimentInput {
  return {
    clauses: clausesOfNormalised(normalised),
    exclamations: normalised.match(exclamation)?.length ?? 0,
    ...(language === undefined ? {} : { language }),
  };
}
