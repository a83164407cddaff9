/**
 * Where interaction's admin API lives: under `/admin/`, like every other service's admin API,
 * and still under `/v1/admin/`, its first path, so existing tooling keeps working.
 */
export const decisionPointAdminPaths = ['admin/decision-points', 'v1/admin/decision-points'];
