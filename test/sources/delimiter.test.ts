import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEol } from '../../src/sources/delimiter.js';

describe('detectDelimiter', () => {
  it('chooses ; over the decimal commas inside the data', () => {
    const text = 'Заголовок\nОО;Балл;Отметка\nedu1;70,5;4\nedu2;12;3\nedu3;1,5;2\n';
    expect(detectDelimiter(text).delimiter).toBe(';');
  });
  it('chooses , for comma files with quoted commas and ; inside quotes', () => {
    const text = 'ОО,Название,Отметка\nedu1,"СОШ 1; филиал, корпус 2",4\nedu2,"СОШ 2",3\n';
    expect(detectDelimiter(text).delimiter).toBe(',');
  });
  it('chooses tab and |', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n').delimiter).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n').delimiter).toBe('|');
  });
  it('ignores unpadded title rows', () => {
    const text = 'ВПР 2026 Русский язык 4 класс\nПредмет: Русский язык\nОО;Класс;Отметка\nedu1;4А;5\n';
    expect(detectDelimiter(text)).toEqual({ delimiter: ';', support: 2, fields: 3 });
  });
  it('does not split records at line breaks inside quotes', () => {
    const text = 'a,"x\ny;z;w",b\nc,d,e\n';
    expect(detectDelimiter(text).delimiter).toBe(',');
  });
  it('falls back to ; for a single column', () => {
    expect(detectDelimiter('one\ntwo\n').delimiter).toBe(';');
  });
});

describe('detectEol', () => {
  it('uses CR only when there is no LF', () => {
    expect(detectEol('a;b\r\nc;d\r\n')).toBe('\n');
    expect(detectEol('a;b\rc;d\r')).toBe('\r');
  });
});
