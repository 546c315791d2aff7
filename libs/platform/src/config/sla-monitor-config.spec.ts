import { ConfigError, loadConfig } from './app-config.js';

describe('SLA monitor and test clock settings', () => {
  test('by default the projector runs the monitor every 10 s and the API has no clock control', () => {
    expect(loadConfig({})).toMatchObject({
      SLA_MONITOR_ENABLED: true,
      SLA_MONITOR_INTERVAL_MS: 10_000,
      SLA_MONITOR_BATCH_SIZE: 500,
      SLA_MONITOR_CONCURRENCY: 8,
      TEST_CLOCK_CONTROL: false,
    });
  });

  test('switches read true and false, and refuse anything else by name', () => {
    expect(loadConfig({ SLA_MONITOR_ENABLED: 'false', TEST_CLOCK_CONTROL: 'TRUE' })).toMatchObject({
      SLA_MONITOR_ENABLED: false,
      TEST_CLOCK_CONTROL: true,
    });
    expect(() => loadConfig({ SLA_MONITOR_ENABLED: 'sometimes' })).toThrow(/SLA_MONITOR_ENABLED/);
    expect(() => loadConfig({ SLA_MONITOR_INTERVAL_MS: '0' })).toThrow(/SLA_MONITOR_INTERVAL_MS/);
  });

  test('the test clock control is refused in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK_CONTROL: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK_CONTROL: 'true' })).toThrow(
      /TEST_CLOCK_CONTROL: must not be enabled with NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production' }).TEST_CLOCK_CONTROL).toBe(false);
  });
});
