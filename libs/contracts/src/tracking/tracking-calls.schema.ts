import { z } from 'zod';
import { isoDateTime, jsonObject, userIdentifier } from '../common';

/**
 * The calls of Segment's HTTP Tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/),
 * field for field, so that Segment's and RudderStack's SDKs can send to ingest unchanged.
 * Unknown top-level fields are kept (SDKs add `_metadata`, `version`, ...).
 */
const commonFields = {
  messageId: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters').optional(),
  userId: userIdentifier.optional(),
  anonymousId: userIdentifier.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  timestamp: isoDateTime.optional(),
  sentAt: isoDateTime.optional(),
  writeKey: z.string().optional(),
};

function requireIdentity<T extends { userId?: string; anonymousId?: string }>(
  call: T,
  ctx: z.RefinementCtx,
): void {
  if (call.userId === undefined && call.anonymousId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['userId'], message: 'userId or anonymousId is required' });
  }
}

const trackShape = z.looseObject({
  ...commonFields,
  type: z.literal('track').optional(),
  event: z
    .string({ message: 'is required: the name of the action, e.g. "Order Completed"' })
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
  properties: jsonObject.optional(),
});
const identifyShape = z.looseObject({
  ...commonFields,
  type: z.literal('identify').optional(),
  traits: jsonObject.optional(),
});
const pageShape = z.looseObject({
  ...commonFields,
  type: z.literal('page').optional(),
  name: z.string().optional(),
  category: z.string().optional(),
  properties: jsonObject.optional(),
});
const screenShape = z.looseObject({
  ...commonFields,
  type: z.literal('screen').optional(),
  name: z.string().optional(),
  properties: jsonObject.optional(),
});
const groupShape = z.looseObject({
  ...commonFields,
  type: z.literal('group').optional(),
  groupId: z
    .string({ message: 'is required: the id of the group (account, company) the user belongs to' })
    .min(1, 'must not be empty'),
  traits: jsonObject.optional(),
});
const aliasShape = z.looseObject({
  ...commonFields,
  type: z.literal('alias').optional(),
  userId: userIdentifier,
  previousId: z.string({ message: 'is required: the id the user had before' }).min(1, 'must not be empty'),
});

export const trackCall = trackShape.superRefine(requireIdentity);
export const identifyCall = identifyShape.superRefine(requireIdentity);
export const pageCall = pageShape.superRefine(requireIdentity);
export const screenCall = screenShape.superRefine(requireIdentity);
export const groupCall = groupShape.superRefine(requireIdentity);
export const aliasCall = aliasShape;

export type TrackCall = z.output<typeof trackCall>;
export type IdentifyCall = z.output<typeof identifyCall>;
export type PageCall = z.output<typeof pageCall>;
export type ScreenCall = z.output<typeof screenCall>;
export type GroupCall = z.output<typeof groupCall>;
export type AliasCall = z.output<typeof aliasCall>;

export const callTypes = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof callTypes)[number];

/** Schema of a single call by its type, as the `/v1/<type>` endpoints take it. */
export const callSchemas = {
  track: trackCall,
  identify: identifyCall,
  page: pageCall,
  screen: screenCall,
  group: groupCall,
  alias: aliasCall,
} as const;

/** A call inside a batch: same fields, but `type` is required to tell them apart. */
export const batchItem = z.discriminatedUnion(
  'type',
  [
    trackShape.extend({ type: z.literal('track') }).superRefine(requireIdentity),
    identifyShape.extend({ type: z.literal('identify') }).superRefine(requireIdentity),
    pageShape.extend({ type: z.literal('page') }).superRefine(requireIdentity),
    screenShape.extend({ type: z.literal('screen') }).superRefine(requireIdentity),
    groupShape.extend({ type: z.literal('group') }).superRefine(requireIdentity),
    aliasShape.extend({ type: z.literal('alias') }),
  ],
  { message: `must be one of ${callTypes.join(', ')}` },
);
export type BatchItem = z.output<typeof batchItem>;

export type TrackingCall = (TrackCall | IdentifyCall | PageCall | ScreenCall | GroupCall | AliasCall) & {
  type?: CallType;
};

/** Segment's documented limits: 32 KB per call, 500 KB per batch request. */
export const trackingLimits = { callBytes: 32 * 1024, batchBytes: 500 * 1024 } as const;

export const batchCall = z.looseObject({
  batch: z
    .array(z.unknown(), { message: 'is required: an array of calls' })
    .min(1, 'must hold at least one call'),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  sentAt: isoDateTime.optional(),
  writeKey: z.string().optional(),
});
export type BatchCall = z.output<typeof batchCall>;
