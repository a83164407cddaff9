/** What interaction knows about a user from its own projections of profiles.v1 and insight.v1. */
export interface ProjectedUser {
  /** Latest features from profiles.v1; empty until segmentation published the user. */
  features: Record<string, number>;
  /** Latest segment per model from profiles.v1; empty until segmentation published the user. */
  segments: Record<string, string | null | undefined>;
  /** Latest per-text sentiment in [−1, 1] from insight.v1; undefined until a text was analysed. */
  sentiment?: number;
}

/** The context feature that carries the user's latest sentiment from insight.v1. */
export const sentimentFeature = 'sentiment';

const segmentFeature = /^segment:([^=]+)=(.*)$/;

/**
 * The context vector of one decision, in the decision point's feature order:
 * 1. the projected profile's feature of that name;
 * 2. for a name `segment:<model>=<segment>`, 1 when the user is in that segment under that model, else 0;
 * 3. for the name `sentiment`, the user's latest sentiment from insight.v1;
 * 4. caller-supplied context overrides all of these (and may supply features the projections lack);
 * 5. a feature found nowhere is 0, which the linear models read as "no signal" (documented in the API).
 * Non-finite values are refused upstream by the request schema.
 */
export function buildContextVector(
  featureNames: readonly string[],
  user: ProjectedUser | undefined,
  callerContext: Readonly<Record<string, number>> = {},
): number[] {
  return featureNames.map((name) => {
    if (Object.prototype.hasOwnProperty.call(callerContext, name)) return callerContext[name]!;
    if (!user) return 0;
    if (name === sentimentFeature) return user.sentiment ?? 0;
    const segment = segmentFeature.exec(name);
    if (segment) return user.segments[segment[1]!] === segment[2] ? 1 : 0;
    const value = user.features[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  });
}
