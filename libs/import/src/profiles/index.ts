import type { ImportProfile } from '../profile.js';
import { cfpbProfile } from './cfpb/cfpb-profile.js';

/** Every import profile, by the name `import csv --profile <name>` takes. A new source format adds its profile here. */
export const IMPORT_PROFILES: Readonly<Record<string, ImportProfile>> = {
  [cfpbProfile.name]: cfpbProfile,
};
