import { type CsvItem, CsvParser } from './csv-parser.js';

function parse(text: string, options?: { maxRecordChars?: number }): CsvItem[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}

/** The same text fed in pieces cut at the given offsets. */
function parseInPieces(text: string, cuts: number[]): CsvItem[] {
  const parser = new CsvParser();
  const items: CsvItem[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    items.push(...parser.push(text.slice(from, cut)));
    from = cut;
  }
  return [...items, ...parser.end()];
}

const fields = (items: CsvItem[]) => items.map((item) => (item.kind === 'record' ? item.fields : item.reason));

describe('the CSV parser (RFC 4180)', () => {
  test('splits plain records at commas and line breaks', () => {
    expect(parse('a,b,c\n1,2,3\n')).toEqual([
      { kind: 'record', fields: ['a', 'b', 'c'], line: 1, endLine: 1 },
      { kind: 'record', fields: ['1', '2', '3'], line: 2, endLine: 2 },
    ]);
  });

  test('keeps commas, line breaks and doubled quotes inside quoted fields as data', () => {
    const items = parse('id,text\n1,"a, b"\n2,"line one\nline two"\n3,"say ""hi"""\n');
    expect(fields(items)).toEqual([
      ['id', 'text'],
      ['1', 'a, b'],
      ['2', 'line one\nline two'],
      ['3', 'say "hi"'],
    ]);
    expect(items.map((item) => [item.line, item.endLine])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
      [5, 5],
    ]);
  });

  test('reads CRLF line ends, a byte order mark, empty fields and a last line without a break', () => {
    expect(fields(parse('\ufeffa,b\r\n"x",\r\n,"y"\r\n,\r\nlast,"one"'))).toEqual([
      ['a', 'b'],
      ['x', ''],
      ['', 'y'],
      ['', ''],
      ['last', 'one'],
    ]);
  });

  test('skips blank lines but counts them in the line numbers', () => {
    const items = parse('a\n\n\r\nb\n\n');
    expect(items).toEqual([
      { kind: 'record', fields: ['a'], line: 1, endLine: 1 },
      { kind: 'record', fields: ['b'], line: 4, endLine: 4 },
    ]);
  });

  test('gives the same records whatever the chunk boundaries', () => {
    const text = 'h1,h2\r\n"a ""q"", b","multi\r\nline"\r\nplain,"x"\n"",\n';
    const whole = parse(text);
    for (let cut = 0; cut <= text.length; cut++) expect(parseInPieces(text, [cut])).toEqual(whole);
    expect(
      parseInPieces(
        text,
        Array.from({ length: text.length }, (_, at) => at),
      ),
    ).toEqual(whole);
  });

  test('reports a quote inside an unquoted field and goes on with the next record', () => {
    expect(parse('a,b\nx,5" screen\ny,z\n')).toEqual([
      { kind: 'record', fields: ['a', 'b'], line: 1, endLine: 1 },
      { kind: 'malformed', reason: 'a quote inside an unquoted field', line: 2, endLine: 2 },
      { kind: 'record', fields: ['y', 'z'], line: 3, endLine: 3 },
    ]);
  });

  test('reports text after a closing quote and resynchronises at the end of that line', () => {
    expect(parse('a,b\n"Closed with "explanation,b\nc,d\n')).toEqual([
      { kind: 'record', fields: ['a', 'b'], line: 1, endLine: 1 },
      { kind: 'malformed', reason: 'text after a closing quote', line: 2, endLine: 2 },
      { kind: 'record', fields: ['c', 'd'], line: 3, endLine: 3 },
    ]);
  });

  test('reports a quoted field left open at the end of the input with the line it started on', () => {
    expect(parse('a,b\n1,"never closed\nmore\n')).toEqual([
      { kind: 'record', fields: ['a', 'b'], line: 1, endLine: 1 },
      { kind: 'malformed', reason: 'a quoted field is not closed before the end of the file', line: 2, endLine: 3 },
    ]);
  });

  test('drops a record over the size limit instead of buffering it, and reads on', () => {
    const long = 'x'.repeat(50);
    expect(parse(`a,b\n${long},"${long}"\nc,d\n`, { maxRecordChars: 60 })).toEqual([
      { kind: 'record', fields: ['a', 'b'], line: 1, endLine: 1 },
      { kind: 'malformed', reason: 'a record longer than 60 characters (an unclosed quote?)', line: 2, endLine: 2 },
      { kind: 'record', fields: ['c', 'd'], line: 3, endLine: 3 },
    ]);
  });

  test('keeps the first problem of a record when it has several', () => {
    const [, bad] = parse('a\n"x"y,q"r\n');
    expect(bad).toEqual({ kind: 'malformed', reason: 'text after a closing quote', line: 2, endLine: 2 });
  });
});
