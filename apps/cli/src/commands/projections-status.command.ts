import { allProjections, listCheckpoints, measureLag, type ProjectionLag } from '#read-models';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { projectionTools } from './projections-support.js';

/** Per projection: checkpoint, lag in events and seconds, and whether a rebuild is due or running. */
export const projectionsStatusCommand: CliCommand = {
  name: 'projections status',
  usage: 'projections status [--json]',
  summary: 'show each projection’s checkpoint and lag (events and seconds behind the feed)',
  async run(args, context) {
    const json = args.includes('--json');
    if (args.some((arg) => arg !== '--json'))
      throw new UsageError(`unknown argument ${args.find((a) => a !== '--json')}`);
    const tools = await projectionTools(context);
    try {
      const lags = await Promise.all(
        allProjections.map((projection) =>
          measureLag({ store: tools.store, db: tools.pool, projection, counter: tools.counter }),
        ),
      );
      const rebuilding = (await listCheckpoints(tools.pool)).filter((checkpoint) =>
        checkpoint.name.endsWith(':rebuild'),
      );
      if (json) {
        const projections = lags.map((lag) => ({ ...lag, rebuildDue: rebuildDue(lag) }));
        context.print(JSON.stringify({ projections, rebuilding }, null, 2));
        return 0;
      }
      for (const lag of lags) context.print(describe(lag));
      for (const checkpoint of rebuilding) {
        context.print(
          `${checkpoint.name}: rebuild in progress or abandoned, ${checkpoint.eventsApplied} events applied`,
        );
      }
      return 0;
    } finally {
      await tools.close();
    }
  },
};

/** The rows were built by another version of the projection than the code now running. */
function rebuildDue(lag: ProjectionLag): boolean {
  return lag.builtVersion !== null && lag.builtVersion !== lag.codeVersion;
}

function describe(lag: ProjectionLag): string {
  const events = `${lag.eventsBehind}${lag.eventsBehindExact ? '' : '+'} events`;
  const version =
    lag.builtVersion === null
      ? 'not started'
      : rebuildDue(lag)
        ? `built v${lag.builtVersion}, code v${lag.codeVersion}: rebuild due`
        : `v${lag.codeVersion}`;
  return [
    `${lag.name} (${version})`,
    `  checkpoint   ${lag.position ?? '-'} (head ${lag.head})`,
    `  lag          ${events}, ${lag.secondsBehind.toFixed(1)} s`,
    `  last event   ${lag.lastEventAt?.toISOString() ?? '-'}; updated ${lag.updatedAt?.toISOString() ?? '-'}`,
  ].join('\n');
}
