/**
 * Alert rules over one analysed text and its author's aggregate after the text was counted.
 * Pure: thresholds come in, fired alerts go out; the service decides what to do with them.
 */

export const alertRules = ['negative-feedback', 'churn-signal', 'feature-request'] as const;
export type AlertRule = (typeof alertRules)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertThresholds {
  negativeSentiment: number;
  churnSentiment: number;
  churnTrend: number;
  churnTrendMinTexts: number;
  featureRequestMinScore: number;
}

export interface AlertInput {
  /** The text as written (any case). */
  text: string;
  sentiment: number;
  topics: ReadonlyArray<{ label: string; score: number }>;
  /** The author's sentiment trend (EWMA − mean) and analysed texts, this text included. */
  author: { trend: number; analysedTexts: number };
}

export interface FiredAlert {
  rule: AlertRule;
  severity: AlertSeverity;
  /** Why it fired, with the values that decided it, for operators reading the event. */
  reason: string;
}

// Intent to leave or get money back. Stems cover "cancel/cancelled/cancelling", "refund/refunds";
// the Chinese terms are 取消 (cancel), 退款 (refund), 退订 (unsubscribe), 注销 (close account).
const leavingIntent =
  /\b(cancel\w*|refund\w*|unsubscrib\w*|chargeback\w*|money back|close my account|delete my account|switch(ing)? to|going to leave|leaving)\b|取消|退款|退订|注销/iu;

export function mentionsLeaving(text: string): boolean {
  return leavingIntent.test(text);
}

export function evaluateAlertRules(input: AlertInput, thresholds: AlertThresholds): FiredAlert[] {
  const fired: FiredAlert[] = [];
  const sentiment = input.sentiment.toFixed(2);
  if (input.sentiment <= thresholds.negativeSentiment) {
    fired.push({
      rule: 'negative-feedback',
      // Far below the threshold is someone angry, not merely unimpressed.
      severity: input.sentiment <= (thresholds.negativeSentiment - 1) / 2 ? 'critical' : 'warning',
      reason: `sentiment ${sentiment} ≤ ${thresholds.negativeSentiment}`,
    });
  }
  const leaving = mentionsLeaving(input.text) && input.sentiment <= thresholds.churnSentiment;
  const souring =
    input.author.analysedTexts >= thresholds.churnTrendMinTexts &&
    input.author.trend <= thresholds.churnTrend;
  if (leaving || souring) {
    const reasons = [
      leaving
        ? `mentions cancelling/refund/leaving with sentiment ${sentiment} ≤ ${thresholds.churnSentiment}`
        : undefined,
      souring
        ? `author's sentiment trend ${input.author.trend.toFixed(2)} ≤ ${thresholds.churnTrend} over ${input.author.analysedTexts} texts`
        : undefined,
    ].filter((reason): reason is string => reason !== undefined);
    fired.push({ rule: 'churn-signal', severity: 'critical', reason: reasons.join('; ') });
  }
  const featureRequest = input.topics.find((topic) => topic.label === 'feature-request');
  if (featureRequest && featureRequest.score >= thresholds.featureRequestMinScore) {
    fired.push({
      rule: 'feature-request',
      severity: 'info',
      reason: `feature-request score ${featureRequest.score.toFixed(2)} ≥ ${thresholds.featureRequestMinScore}`,
    });
  }
  return fired;
}
