/** What interaction knows about a user from its profiles.v1 projection. */
export interface ProjectedProfile {
  features: Record<string, number>;
  segments: Record<string, string | null | undefined>;
}

const segmentFeature = /^segment:([^=]+)=(.*)$/;

/**
 * The context vector of one decision, in the decision point's feature order:
 * 1. the projected profile's feature of that name;
 * 2. for a name `segment:<model>=<segment>`, 1 when the user is in that segment under that model, else 0;
 * 3. caller-supplied context overrides both (and may supply features the projection lacks);
 * 4. a feature found nowhere is 0, which the linear models read as "no signal" (documented in the API).
 * Non-finite values are refused upstream by the request schema.
 */
export function buildContextVector(
  featureNames: readonly string[],
  profile: ProjectedProfile | undefined,
  callerContext: Readonly<Record<string, number>> = {},
): number[] {
  return featureNames.map((name) => {
    if (Object.prototype.hasOwnProperty.call(callerContext, name)) return callerContext[name]!;
    if (!profile) return 0;
    const segment = segmentFeature.exec(name);
    if (segment) return profile.segments[segment[1]!] === segment[2] ? 1 : 0;
    const value = profile.features[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  });
}
