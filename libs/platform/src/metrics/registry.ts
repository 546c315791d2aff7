import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  type Metric,
  Registry,
} from 'prom-client';

/**
 * The process's one Prometheus registry (prom-client). Everything a process exposes on GET /metrics
 * is registered on it; inject it with `@Inject(METRICS_REGISTRY)` and create instruments with the
 * get-or-create helpers below.
 */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export type { Registry };

/** A registry whose series all carry `service` (api, projector), plus Node's process metrics. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Get-or-create: an instrument is registered once per registry, whoever asks first, so two
 * providers (or a module instantiated twice) share it instead of failing with "already registered".
 */
export function counterOn<L extends string>(
  registry: Registry,
  config: Omit<CounterConfiguration<L>, 'registers'>,
): Counter<L> {
  return existing<Counter<L>>(registry, config.name, Counter) ?? new Counter({ ...config, registers: [registry] });
}

export function gaugeOn<L extends string>(
  registry: Registry,
  config: Omit<GaugeConfiguration<L>, 'registers'>,
): Gauge<L> {
  return existing<Gauge<L>>(registry, config.name, Gauge) ?? new Gauge({ ...config, registers: [registry] });
}

export function histogramOn<L extends string>(
  registry: Registry,
  config: Omit<HistogramConfiguration<L>, 'registers'>,
): Histogram<L> {
  return (
    existing<Histogram<L>>(registry, config.name, Histogram) ?? new Histogram({ ...config, registers: [registry] })
  );
}

function existing<M>(registry: Registry, name: string, kind: abstract new (...args: never[]) => Metric): M | undefined {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) throw new TypeError(`Metric ${name} is already registered as another kind`);
  return metric as M;
}
