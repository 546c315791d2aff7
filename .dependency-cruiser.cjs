/**
 * The architecture, enforced. The domain is pure TypeScript: it must not know about Nest, TypeORM,
 * pg, the EventStoreDB client, class-validator, Node's I/O, or any other part of the product.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing from frameworks, drivers or the rest of the product',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: [
          '@nestjs',
          'typeorm',
          '(^|/)pg($|/)',
          'pg-',
          '@eventstore',
          '@kurrent',
          'class-validator',
          'class-transformer',
          '^libs/(event-store|platform|read-models|import)/',
          '^apps/',
        ],
      },
    },
    {
      name: 'domain-no-io',
      comment: 'the domain gets time and ids as arguments and does no I/O',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|net|http|https|crypto|child_process|dgram|dns|tls|os)' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-framework',
      comment: 'adapters are plain classes; Nest wiring lives in libs/platform',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: ['@nestjs', '^libs/(platform|read-models|import)/', '^apps/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'default'] },
  },
};
