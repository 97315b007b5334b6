/**
 * The words a verdict is made of, defined once: enrich decides the transfer status, assess the personal-data
 * level, the risk and the policy outcome, the report model carries them, the JSON Schema enumerates them and the
 * report reader checks them (a test keeps schema.json equal to these lists). Each list is in its display order.
 * It lives in core because every layer from enrich to output speaks it and none may own it.
 */

/** Where the data goes, legally (GDPR Chapter V), from the server's country and the recipient's DPF status. */
export const TRANSFERS = ['none', 'eea', 'adequate', 'adequate-if-certified', 'third-country', 'unknown'] as const;
export type Transfer = (typeof TRANSFERS)[number];

/** Transfers that count as leaving the EEA (or may): the shares the summary reports. */
export const LEAVING_EEA: ReadonlySet<Transfer> = new Set<Transfer>([
  'adequate',
  'adequate-if-certified',
  'third-country',
  'unknown',
]);

/** How sure it is that personal data beyond the client IP address travels, strongest first. */
export const PERSONAL_DATA_LEVELS = ['observed', 'likely', 'possible', 'unlikely', 'unknown'] as const;
export type PersonalData = (typeof PERSONAL_DATA_LEVELS)[number];

/** Risk levels, highest first (the report's order). */
export const RISKS = ['high', 'medium', 'low', 'none'] as const;
export type Risk = (typeof RISKS)[number];

/** What the organisation's own policy (allow lists, ignored rules) says of a destination. */
export const POLICY_OUTCOMES = ['allowed', 'violation', 'ignored', 'n/a'] as const;
export type PolicyOutcome = (typeof POLICY_OUTCOMES)[number];

/** Where a destination address is: on the internet, on the site's own networks, or special-purpose. */
export const SCOPES = ['public', 'local', 'special'] as const;
export type Scope = (typeof SCOPES)[number];

/** True when `value` is one of `list`'s words (narrows it to the list's type). */
export function isWordOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
