// node --import ./test/read-models/support/register-ts.mjs some-file.ts
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
