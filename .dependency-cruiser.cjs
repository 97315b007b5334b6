/**
 * Import boundaries, checked by `npm run lint` (dependency-cruiser): no cycle between folders of src/, and the
 * pipeline's direction — source → records → flows → enrich → assess → report model → renderers — is kept by
 * forbidding the imports that would run against it. The test suite runs the same check (tests/architecture).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders import each other in one direction only: a cycle means a layer calls up.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'runtime-not-on-tools',
      comment: 'Build-time tools (src/tools, src/bench, src/samples) are never imported by the runtime.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(tools|bench|samples)/' },
      to: { path: '^src/(tools|bench|samples)/' },
    },
    {
      name: 'analysis-not-on-output',
      comment: 'Decoding, flows, enrichment and assessment never reach up to the CLI, the audit or the renderers.',
      severity: 'error',
      from: { path: '^src/(core|decode|ingest|flows|enrich|assess|payload)/' },
      to: { path: '^src/(cli|audit|pipeline|report|report-reader|compare|estate)/' },
    },
    {
      name: 'core-is-the-base',
      comment: 'core/ holds what every layer shares and imports no other folder of src/.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'renderers-read-only-the-model',
      comment: 'Renderers turn the report model into text; they do not call the analysis.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/(cli|audit|pipeline|ingest|flows|decode|assess|compare|estate)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/.*\\.json$' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
  },
};
