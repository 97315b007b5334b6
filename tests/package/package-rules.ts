/** What the npm package must not hold, shared by the package tests. */

/** Folders of dist/ (compiled from src/) that only developers run: benchmarks and same-bytes, the sample
 * generator, importers and other tools (npm run catalog:import, geoip:update, fuzz...), capture writers. */
export const DEV_ONLY_DIST = ['dist/bench', 'dist/samples', 'dist/tools', 'dist/writer'];

/** Paths (in the tarball, below package/) that must never be shipped. */
export const FORBIDDEN_IN_PACKAGE: readonly RegExp[] = [
  ...DEV_ONLY_DIST.map((d) => new RegExp(`^${d}/`)),
  /^(src|tests|bench-data|samples|data\/sources|node_modules|\.ci|\.github)\//,
  /\.map$/,
  /\.ts$/,
  /^(tsconfig.*\.json|biome\.json|vitest\.config\.ts|package-lock\.json|\.dependency-cruiser\.cjs)$/,
];
