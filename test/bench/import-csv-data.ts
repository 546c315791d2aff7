/** The bench's input: the CFPB sample, repeated into a file of any size. */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { readCsvFile } from '../../libs/import/src/index.js';

export const SAMPLE = 'test/fixtures/cfpb/complaints-sample.csv';

/**
 * `.data/bench/cfpb-<rows>.csv`: the sample's records over and over, each copy with new Complaint
 * IDs (so every row is a complaint of its own), written as a stream. Not committed; rebuilt per run.
 */
export async function generatedFile(rows: number): Promise<string> {
  await mkdir('.data/bench', { recursive: true });
  const path = `.data/bench/cfpb-${rows}.csv`;
  const records: string[][] = [];
  let header: string[] = [];
  for await (const item of readCsvFile(SAMPLE)) {
    if (item.kind !== 'record') continue;
    if (header.length === 0) header = item.fields;
    else records.push(item.fields);
  }
  const idAt = header.indexOf('Complaint ID');
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(csvLine(header));
  for (let n = 0; n < rows; n++) {
    const fields = [...records[n % records.length]!];
    fields[idAt] = String(100_000_000 + n);
    await write(csvLine(fields));
  }
  out.end();
  await once(out, 'finish');
  return path;
}

function csvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}
