/**
 * Russian message texts of the expression language: the only Russian text in src/expr.
 * Every message is a complete sentence without a location prefix.
 */
import type { ExprType } from './types.js';

const q = (text: string): string => `«${text}»`;

const suggestion = (candidate: string | undefined): string =>
  candidate === undefined ? '' : `; возможно, имелось в виду ${q(candidate)}?`;

const TYPE_NAMES: Record<ExprType, string> = {
  number: 'число',
  string: 'строка',
  boolean: 'логическое значение',
  any: 'значение',
};

export const typeName = (type: ExprType): string => TYPE_NAMES[type];

export const msg = {
  // lexing
  unknownChar: (ch: string) => `недопустимый символ ${q(ch)}`,
  unclosedString: () => 'незакрытая строка',
  doubleQuotedString: () => `строки заключаются в одинарные кавычки: 'текст'`,
  badNumber: (text: string) => `неверное число ${q(text)}`,

  // parsing
  emptyExpression: () => 'ожидалось выражение',
  expectedExpression: (found: string | null) =>
    found === null ? 'ожидалось выражение' : `ожидалось выражение, а встретилось ${q(found)}`,
  trailingText: (found: string) => `лишний текст после выражения: ${q(found)}`,
  expectedClose: (found: string | null) =>
    found === null ? `ожидалась ${q(')')}` : `ожидалась ${q(')')}, а встретилось ${q(found)}`,
  expectedListAfterIn: () => `после in ожидался список в скобках, например: x in (1, 2)`,
  emptyInList: () => 'список после in пуст',
  expectedNullAfterIs: () => 'после is ожидалось null или not null',
  expectedInAfterNot: () => 'после not ожидалось in',
  chainedComparison: () => 'сравнения нельзя соединять в цепочку; используйте and',
  tooLong: (max: number) => `выражение слишком длинное: больше ${max} лексем`,
  tooDeep: (max: number) => `слишком глубокая вложенность: больше ${max} уровней`,
  decimalComma: (fixed: string) => `дробная часть отделяется точкой: ${q(fixed)}`,

  // checking
  unknownName: (name: string, candidate?: string) =>
    `неизвестное имя ${q(name)}${suggestion(candidate)}`,
  unknownFunction: (name: string, candidate?: string) =>
    `неизвестная функция ${q(name)}${suggestion(candidate)}`,
  arity: (name: string, expected: string, got: number) =>
    `функция ${name} принимает ${expected}, передано: ${got}`,
  arithmeticType: (op: string, type: ExprType) =>
    `арифметика ${q(op)} над значением типа «${typeName(type)}» невозможна`,
  negateType: (type: ExprType) => `унарный минус неприменим к значению типа «${typeName(type)}»`,
  logicalType: (op: string, type: ExprType) =>
    `${op} неприменим к значению типа «${typeName(type)}»`,
  compareTypes: (left: ExprType, right: ExprType) =>
    `сравнение несовместимых типов: «${typeName(left)}» и «${typeName(right)}»`,
  compareStringWithNumber: (name: string, literal: string) =>
    `${q(name)} — строка, а ${literal} — число; заключите значение в кавычки: '${literal}'`,
  orderBoolean: () => 'логические значения нельзя сравнивать на больше/меньше',
  functionArgType: (name: string, type: ExprType) =>
    `функция ${name} ожидает числа, а получила значение типа «${typeName(type)}»`,
  coalesceTypes: (first: ExprType, other: ExprType) =>
    `coalesce: аргументы разных типов: «${typeName(first)}» и «${typeName(other)}»`,
  nullEquals: (operand: string) =>
    `сравнение с null через «=» всегда ложно; пишите: ${operand} is null`,
  nullNotEquals: (operand: string) =>
    `сравнение с null через «!=» всегда ложно; пишите: ${operand} is not null`,
  nullOrdering: () => 'сравнение с null всегда ложно; для проверки на пустое значение пишите is null',
  nullInList: () => 'null в списке in никогда не совпадает; для проверки на пустое значение пишите is null',
} as const;

/** Arity descriptions used with `msg.arity`. */
export const arityText = {
  exactly: (n: number) => (n === 1 ? 'один аргумент' : `${n} аргумента`),
  range: (min: number, max: number) => `от ${min} до ${max} аргументов`,
  atLeast: (n: number) => (n === 1 ? 'не менее одного аргумента' : `не менее ${n} аргументов`),
} as const;

/** Internal errors: a caller compiled an expression without checking it first. */
export const internalMsg = {
  uncheckedName: (name: string) =>
    `внутренняя ошибка: выражение компилируется без проверки (неизвестное имя «${name}»)`,
  uncheckedFunction: (name: string) =>
    `внутренняя ошибка: выражение компилируется без проверки (неизвестная функция «${name}»)`,
} as const;
