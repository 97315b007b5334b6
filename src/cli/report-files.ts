/**
 * Report arguments (`merge`, `trend`) → report files: a directory or glob contributes its .json files only, since
 * an output template writes HTML, Markdown and CSV reports beside them; a file named as it is stays as it is.
 */
import { expandInputs } from '../estate/expand-inputs.js';

export async function reportFiles(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const got = await expandInputs([arg]);
    files.push(...(got.length === 1 && got[0] === arg ? got : got.filter((f) => f.toLowerCase().endsWith('.json'))));
  }
  return files;
}
