/** How many times a command re-runs after losing a race for its stream (config COMMAND_RETRIES). */
export const COMMAND_RETRIES = Symbol('COMMAND_RETRIES');
