/**
 * CFPB dates are calendar days without a time or zone: `2019-09-24` (the API and CSV export) or
 * `09/24/2019` (older downloads). Each becomes 12:00 UTC of that day — the same calendar day in
 * every US time zone and in UTC, so reports by day or month put the complaint where the CFPB did.
 */
import { RowRejectedError } from '../../profile.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
export const DAY_MS = 24 * 60 * 60 * 1000;

export function parseCfpbDay(value: string, column: string): Date {
  const text = value.trim();
  const iso = ISO_DAY.exec(text);
  const us = iso ? null : US_DAY.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
  if (parts) {
    const [year, month, day] = parts.map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, 12));
    // Date.UTC rolls 2019-02-30 over to March: a real day reads back unchanged.
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
  }
  throw new RowRejectedError('INVALID_DATE', `"${column}" is not a date: "${text}"`);
}
