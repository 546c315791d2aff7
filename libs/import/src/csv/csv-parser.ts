/**
 * A streaming RFC 4180 parser: text goes in chunk by chunk, complete records come out, so a file of
 * any size is read in constant memory. Fields may be quoted; inside quotes a comma, a line break or a
 * doubled quote ("") is data. Records end at LF or CRLF.
 *
 * A malformed record never stops the parse: it comes out as `{ kind: 'malformed' }` with its line
 * numbers and the reason, and parsing carries on with the next record. What counts as malformed:
 * a quote inside an unquoted field, text after a closing quote, a quoted field still open at the end
 * of the input, and a record longer than `maxRecordChars` (usually a stray opening quote that
 * swallowed the following lines; the excess is dropped, not buffered).
 */

export interface CsvRecord {
  kind: 'record';
  fields: string[];
  /** Physical line (1-based) where the record starts; a quoted line break makes a record span lines. */
  line: number;
  endLine: number;
}

export interface CsvMalformed {
  kind: 'malformed';
  line: number;
  endLine: number;
  reason: string;
}

export type CsvItem = CsvRecord | CsvMalformed;

export interface CsvParserOptions {
  /** Default 1,000,000 characters. */
  maxRecordChars?: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of "" or the closing quote. */
  QuoteInQuoted,
}

export class CsvParser {
  private readonly maxRecordChars: number;
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private recordChars = 0;
  private problem: string | null = null;
  private started = false;
  private sawFirstChunk = false;
  private lastChar = -1;
  /** Where the current field's unread run of data starts in the chunk being parsed. */
  private runStart = 0;

  constructor(options: CsvParserOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? 1_000_000;
  }

  /** Parses a chunk; returns the records it completed (the tail waits for the next chunk). */
  push(chunk: string): CsvItem[] {
    const out: CsvItem[] = [];
    const text = this.withoutByteOrderMark(chunk);
    this.runStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.state === State.Quoted) i = this.quoted(text, i);
      else if (this.state === State.Unquoted) this.unquoted(text, c, i, out);
      else if (this.state === State.FieldStart) this.fieldStart(c, i, out);
      else this.quoteInQuoted(c, i, out);
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) {
      this.field += this.take(text, this.runStart, text.length);
    }
    if (text.length > 0) this.lastChar = text.charCodeAt(text.length - 1);
    return out;
  }

  private withoutByteOrderMark(chunk: string): string {
    if (this.sawFirstChunk) return chunk;
    this.sawFirstChunk = true;
    return chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
  }

  private fieldStart(c: number, i: number, out: CsvItem[]): void {
    this.begin();
    if (c === QUOTE) {
      this.state = State.Quoted;
      this.runStart = i + 1;
    } else if (c === COMMA) {
      this.endField('');
    } else if (c === LF) {
      this.endRecord(out, true);
    } else {
      this.state = State.Unquoted;
      this.runStart = i;
    }
  }

  private unquoted(text: string, c: number, i: number, out: CsvItem[]): void {
    if (c === COMMA) {
      this.endField(this.field + this.take(text, this.runStart, i));
      this.state = State.FieldStart;
    } else if (c === LF) {
      this.endField(stripCr(this.field + this.take(text, this.runStart, i)));
      this.endRecord(out, false);
    } else if (c === QUOTE) {
      this.fail('a quote inside an unquoted field');
    }
  }

  /** Jumps to the next quote: everything before it, line breaks included, is data. Returns where it stopped. */
  private quoted(text: string, i: number): number {
    const quote = text.indexOf('"', i);
    const end = quote === -1 ? text.length : quote;
    this.countLines(text, i, end);
    if (quote !== -1) {
      this.field += this.take(text, this.runStart, quote);
      this.state = State.QuoteInQuoted;
    }
    return end;
  }

  private quoteInQuoted(c: number, i: number, out: CsvItem[]): void {
    if (c === QUOTE) {
      this.field += '"';
      this.state = State.Quoted;
      this.runStart = i + 1;
    } else if (c === COMMA) {
      this.endField(this.field);
      this.state = State.FieldStart;
    } else if (c === LF) {
      this.endField(this.field);
      this.endRecord(out, false);
    } else if (c !== CR) {
      this.fail('text after a closing quote');
      // Read on as an unquoted field to the next separator, so the following records stay intact.
      this.state = State.Unquoted;
      this.runStart = i;
    }
  }

  /** The end of the input: the last record, if the text did not end with a line break. */
  end(): CsvItem[] {
    const out: CsvItem[] = [];
    if (this.state === State.Quoted) this.fail('a quoted field is not closed before the end of the file');
    if (this.state === State.Unquoted) this.endField(stripCr(this.field));
    if (this.state === State.QuoteInQuoted) this.endField(this.field);
    // A record still open at the end ends on the last line that has text (a quoted break may end the input).
    if (this.started) this.finishRecord(out, this.lastChar === LF ? this.line - 1 : this.line);
    return out;
  }

  private begin(): void {
    if (this.started) return;
    this.started = true;
    this.recordLine = this.line;
  }

  /** text[from, to) as field data, within the record size limit. */
  private take(text: string, from: number, to: number): string {
    if (to <= from) return '';
    this.recordChars += to - from;
    if (this.recordChars <= this.maxRecordChars) return text.slice(from, to);
    this.fail(`a record longer than ${this.maxRecordChars} characters (an unclosed quote?)`);
    return '';
  }

  private countLines(text: string, from: number, to: number): void {
    for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) this.line++;
  }

  private fail(reason: string): void {
    this.problem ??= reason;
  }

  private endField(value: string): void {
    this.fields.push(value);
    this.field = '';
  }

  /**
   * At a line break outside quotes. `atFieldStart`: right after a comma (the last field is empty) or
   * at the start of a line (a blank line: skipped, not a record).
   */
  private endRecord(out: CsvItem[], atFieldStart: boolean): void {
    const endLine = this.line;
    this.line++;
    if (atFieldStart && this.fields.length === 0) return this.reset();
    if (atFieldStart) this.endField('');
    this.finishRecord(out, endLine);
  }

  private finishRecord(out: CsvItem[], endLine: number): void {
    const line = this.recordLine;
    // A line of nothing but a carriage return is blank too.
    if (this.problem === null && this.fields.length === 1 && this.fields[0] === '') return this.reset();
    out.push(
      this.problem === null
        ? { kind: 'record', fields: this.fields, line, endLine }
        : { kind: 'malformed', line, endLine, reason: this.problem },
    );
    this.reset();
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.state = State.FieldStart;
    this.recordChars = 0;
    this.problem = null;
    this.started = false;
  }
}

function stripCr(value: string): string {
  return value.charCodeAt(value.length - 1) === CR ? value.slice(0, -1) : value;
}
