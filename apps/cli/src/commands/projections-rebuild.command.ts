import { START } from '#event-store';
import { allProjections, feedFilterOf, projectionNamed, rebuildProjection } from '#read-models';
import { createProgress } from '#platform/cli/progress';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { projectionTools } from './projections-support.js';

/**
 * Blue/green rebuild: a new copy beside the live table, filled from the start of the feed, swapped
 * in one transaction when caught up. The live projector may keep running meanwhile.
 */
export const projectionsRebuildCommand: CliCommand = {
  name: 'projections rebuild',
  usage: 'projections rebuild <name>',
  summary: 'rebuild a projection beside the live one and switch to it when caught up',
  async run(args, context) {
    const names = allProjections.map((projection) => projection.name).join(', ');
    if (args.length !== 1) throw new UsageError(`name one projection (${names})`);
    const projection = projectionNamed(args[0]!);
    if (!projection) throw new UsageError(`unknown projection ${args[0]} (known: ${names})`);
    const tools = await projectionTools(context);
    const interrupted = new AbortController();
    const onSignal = () => interrupted.abort();
    process.once('SIGINT', onSignal);
    try {
      const total = await tools.counter(START, feedFilterOf(projection), Number.MAX_SAFE_INTEGER);
      const progress = createProgress({
        label: `rebuild ${projection.name}`,
        total,
        unit: 'events',
        stream: context.err as NodeJS.WriteStream,
      });
      const result = await rebuildProjection({
        store: tools.store,
        pool: tools.pool,
        projection,
        onProgress: (events) => progress.tick(events),
        signal: interrupted.signal,
      });
      progress.done();
      const rate = Math.round(result.events / Math.max(result.durationMs / 1000, 0.001));
      context.print(
        `${projection.name} rebuilt from ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s (${rate}/s) and switched`,
      );
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      await tools.close();
    }
  },
};
