/**
 * Colour for the terminal, decided per render call (a Chalk instance with an explicit level), never by chalk's
 * global detection, so `--color`/`--no-color`, pipes and tests all get exactly what they asked for.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Risk } from '../model.js';

export interface Paint {
  risk(risk: Risk, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

export function makePaint(color: boolean): Paint {
  const c: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  const byRisk: Record<Risk, (s: string) => string> = {
    high: (s) => c.red.bold(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.green(s),
    none: (s) => c.dim(s),
  };
  return {
    risk: (risk, text) => (byRisk[risk] ?? ((s: string) => s))(text),
    bold: (text) => c.bold(text),
    dim: (text) => c.dim(text),
  };
}
