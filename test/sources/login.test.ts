import { describe, expect, it } from 'vitest';
import { isGroupLine, parseGroupLine } from '../../src/sources/group-lines.js';
import { loginInName, nameWithoutLogin, parseLogin } from '../../src/sources/login.js';
import { viewOf } from '../../src/sources/tokenizer.js';

describe('parseLogin', () => {
  it.each([
    ['edu203389', 'edu203389'],
    ['EDU203389', 'edu203389'],
    [' edu203389 ', 'edu203389'],
    ['МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)', 'edu203389'],
    ['МБОУ «СОШ (филиал)» ( EDU203389 )', 'edu203389'],
    ['sch123456', 'sch123456'],
    ['', null],
  ])('%j → %j', (cell, login) => {
    expect(parseLogin(cell)).toBe(login);
  });
});

describe('loginInName', () => {
  it('finds only a bracketed login', () => {
    expect(loginInName('МБОУ «СОШ №1»(edu203389)')).toBe('edu203389');
    expect(loginInName('МБОУ «СОШ №1» (корпус 2)')).toBe(null);
    expect(loginInName('edu203389')).toBe(null);
  });
});

describe('group lines', () => {
  const line = 'МБОУ «СОШ №1 г.Урус-Мартан»(edu203389) | Кол-во участников: 89';
  it('recognises «<name>(login) | Кол-во участников: N» with empty other cells', () => {
    expect(isGroupLine(viewOf([line, '', ''], 5))).toBe(true);
    expect(isGroupLine(viewOf([line, 'x'], 5))).toBe(false);
    expect(isGroupLine(viewOf(['edu203389', 'Район'], 5))).toBe(false);
    expect(isGroupLine(viewOf(['Школа | филиал с длинным названием', ''], 5))).toBe(false);
    expect(parseGroupLine(line)).toEqual({ login: 'edu203389', participants: 89 });
  });
});

describe('nameWithoutLogin', () => {
  it('drops the bracketed login and keeps the rest of the name', () => {
    expect(nameWithoutLogin('МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)')).toBe('МБОУ «СОШ №1 г.Урус-Мартан»');
    expect(nameWithoutLogin('МАОУ «Лицей № 4» (EDU100004) ')).toBe('МАОУ «Лицей № 4»');
    expect(nameWithoutLogin('МБОУ «СОШ (филиал)»')).toBe('МБОУ «СОШ (филиал)»');
    expect(nameWithoutLogin('(edu100001)')).toBe('(edu100001)');
  });
});
