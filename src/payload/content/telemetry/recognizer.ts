/**
 * The shape of a telemetry recogniser: it looks at one parsed JSON document (or one element of a batch), says
 * whether the format is its own, and names the identifiers the format defines at known paths.
 */
import type { PiiConfidence } from '../../../assess/pii/types.js';
import { childField } from '../json-walk.js';
import { telemetryIdValue } from '../value-shapes.js';

export interface IdentifierEmitter {
  identifier(field: string, detector: string, value: string, confidence: PiiConfidence): void;
}

export interface JsonRecognizer {
  id: string;
  /** Emits the format's identifiers when `value` has the format's shape; returns whether it had. */
  recognize(value: unknown, field: string, out: IdentifierEmitter): boolean;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a key path, or undefined. */
export function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) {
    if (!isRecord(v)) return undefined;
    v = v[key];
  }
  return v;
}

/** Emits the id at `path` under `field` when the format put a real value there. */
export function emitAt(
  out: IdentifierEmitter,
  root: unknown,
  field: string,
  path: readonly string[],
  detector: string,
): void {
  const value = telemetryIdValue(at(root, path));
  if (value === null) return;
  out.identifier(
    path.reduce((f, k) => childField(f, k), field),
    detector,
    value,
    'high',
  );
}
