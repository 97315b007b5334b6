import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('--no-color on every command a scheduled script runs', () => {
  it('diff and trend accept it, as audit does', () => {
    const report = 'samples/reports/admin-pc-workday.json';
    const diff = runCli(['diff', report, report, '--no-color']);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout.includes('\u001b[')).toBe(false);
    const trend = runCli(['trend', report, '--no-color']);
    expect(trend.status, trend.stderr).toBe(0);
  });
});
