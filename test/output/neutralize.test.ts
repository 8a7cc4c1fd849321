import { describe, expect, it } from 'vitest';
import { csvCell, EXCEL_CSV } from '../../src/output/csv.js';
import { neutralize, neutralizeValue } from '../../src/output/neutralize.js';

describe('neutralize', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+7 999', "'+7 999"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['МБОУ СОШ №1', 'МБОУ СОШ №1'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(neutralize(text)).toBe(expected);
  });

  it('leaves numbers and null alone: a negative change is a number, not a formula', () => {
    expect(neutralizeValue(-0.05)).toBe(-0.05);
    expect(neutralizeValue(null)).toBeNull();
    expect(neutralizeValue('-0.05')).toBe("'-0.05");
  });

  it('is applied to CSV text cells only, before quoting', () => {
    expect(csvCell(-0.05)).toBe('-0.05');
    expect(csvCell(-0.05, EXCEL_CSV)).toBe('-0,05');
    expect(csvCell('-0.05')).toBe("'-0.05");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@a;b', EXCEL_CSV)).toBe(`"'@a;b"`);
  });
});
