/**
 * Groups: one per distinct combination of an indicator's dimension values. Indicators with
 * the same `by` share a GroupIndex, so the key is built once per row, not once per indicator.
 * Memory grows with the number of groups, never with rows.
 */
import type { Value } from '../model.js';
import { nameWithoutLogin } from '../sources/login.js';

const SEP = '\u0001';

/** What finalisation needs to know of a group. */
export interface Groups {
  readonly dims: readonly string[];
  readonly size: number;
  keyOf(id: number): readonly Value[];
  schoolNameOf(id: number): string | null;
  municipalityOf(id: number): string | null;
  /** Called with every new group, so accumulators are created outside the hot path. */
  onNewGroup(callback: () => void): void;
}

export class GroupIndex implements Groups {
  readonly dims: string[];
  private readonly slots: number[];
  private readonly keys: Value[][] = [];
  private readonly names: (string | null)[] = [];
  private readonly municipalities: (string | null)[] = [];
  /**
   * Group ids by key, one Map level per dimension (the last level holds ids). A row whose
   * key changed is looked up value by value: no key text is built, so no number is turned
   * into text and no fresh string hashed per row (an index by mark changes group nearly
   * every row). Null and '' are one key part, as everywhere in moko's keys.
   */
  private readonly tree = new Map<Value, unknown>();
  private readonly callbacks: (() => void)[] = [];
  private readonly nameSlot: number;
  private readonly municipalitySlot: number;
  // The previous row's key values: rows usually come sorted by school, so most rows reuse it.
  private readonly last: Value[] = [];
  private lastId = -1;

  constructor(dims: string[], slotOf: (name: string) => number) {
    this.dims = dims;
    this.slots = dims.map(slotOf);
    this.nameSlot = slotOf('school_name');
    this.municipalitySlot = slotOf('municipality');
  }

  get size(): number {
    return this.keys.length;
  }
  keyOf(id: number): readonly Value[] {
    return this.keys[id]!;
  }
  schoolNameOf(id: number): string | null {
    return this.names[id]!;
  }
  municipalityOf(id: number): string | null {
    return this.municipalities[id]!;
  }
  onNewGroup(callback: () => void): void {
    this.callbacks.push(callback);
  }

  /** The group of a row; creates it on first sight. */
  idOf(values: readonly Value[]): number {
    const slots = this.slots;
    const last = this.last;
    if (this.lastId >= 0) {
      let same = true;
      for (let i = 0; i < slots.length; i++) {
        if (values[slots[i]!] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastId;
    }
    for (let i = 0; i < slots.length; i++) last[i] = values[slots[i]!] ?? null;
    let id = this.find(last);
    if (id === undefined) id = this.create(values);
    else this.fillNames(id, values);
    this.lastId = id;
    return id;
  }

  /** Forget the previous row: between files the same values may mean another group. */
  resetCursor(): void {
    this.lastId = -1;
  }

  /** The group with these dimension values (from another run's export), created if new. */
  ensure(key: readonly Value[], name: string | null, municipality: string | null): number {
    let id = this.find(key);
    if (id === undefined) {
      id = this.keys.length;
      this.insert(key, id);
      this.keys.push([...key]);
      this.names.push(name);
      this.municipalities.push(municipality);
      for (const callback of this.callbacks) callback();
    } else {
      if (this.names[id] === null) this.names[id] = name;
      if (this.municipalities[id] === null) this.municipalities[id] = municipality;
    }
    return id;
  }

  private create(values: readonly Value[]): number {
    const id = this.keys.length;
    const key = this.slots.map((s) => detachValue(values[s] ?? null));
    this.insert(key, id);
    this.keys.push(key);
    this.names.push(null);
    this.municipalities.push(null);
    this.fillNames(id, values);
    for (const callback of this.callbacks) callback();
    return id;
  }

  /** The id of the group with these key values, if it exists. */
  private find(key: readonly Value[]): number | undefined {
    let node = this.tree;
    const end = key.length - 1;
    for (let i = 0; i < end; i++) {
      const next = node.get(key[i] ?? '') as Map<Value, unknown> | undefined;
      if (next === undefined) return undefined;
      node = next;
    }
    return node.get(end < 0 ? '' : (key[end] ?? '')) as number | undefined;
  }

  /** Files `id` under `key`, whose strings are already detached (they become Map keys). */
  private insert(key: readonly Value[], id: number): void {
    let node = this.tree;
    const end = key.length - 1;
    for (let i = 0; i < end; i++) {
      const part = key[i] ?? '';
      let next = node.get(part) as Map<Value, unknown> | undefined;
      if (next === undefined) node.set(part, (next = new Map()));
      node = next;
    }
    node.set(end < 0 ? '' : (key[end] ?? ''), id);
  }

  /** Names are taken from the first row that has them (checked only when the group changes). */
  private fillNames(id: number, values: readonly Value[]): void {
    if (this.names[id] === null) {
      const name = textAt(values, this.nameSlot);
      this.names[id] = name === null ? null : nameWithoutLogin(name);
    }
    if (this.municipalities[id] === null) this.municipalities[id] = textAt(values, this.municipalitySlot);
  }
}

/** Groups of a parent group split by one more key part (the task of a task column). */
export class SubGroupIndex implements Groups {
  readonly dims: string[];
  private readonly parent: GroupIndex;
  private readonly parents: number[] = [];
  private readonly parts: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly callbacks: (() => void)[] = [];

  constructor(parent: GroupIndex, part: string) {
    this.parent = parent;
    this.dims = [...parent.dims, part];
  }

  get size(): number {
    return this.parents.length;
  }
  keyOf(id: number): readonly Value[] {
    return [...this.parent.keyOf(this.parents[id]!), this.parts[id]!];
  }
  schoolNameOf(id: number): string | null {
    return this.parent.schoolNameOf(this.parents[id]!);
  }
  municipalityOf(id: number): string | null {
    return this.parent.municipalityOf(this.parents[id]!);
  }
  onNewGroup(callback: () => void): void {
    this.callbacks.push(callback);
  }

  parentOf(id: number): number {
    return this.parents[id]!;
  }
  partOf(id: number): string {
    return this.parts[id]!;
  }

  idOf(parentId: number, part: string): number {
    const key = parentId + SEP + part;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.parents.length;
      this.ids.set(key, id);
      this.parents.push(parentId);
      this.parts.push(part);
      for (const callback of this.callbacks) callback();
    }
    return id;
  }
}

function textAt(values: readonly Value[], slot: number): string | null {
  if (slot < 0) return null;
  const v = values[slot];
  return v === null || v === undefined || v === '' ? null : detach(String(v));
}

/**
 * A copy of a string that shares no memory with the text it was cut from. Cells are slices
 * of a decoded chunk of about a megabyte; keeping one slice per school would keep its whole
 * chunk alive, so memory would grow with the file instead of with the groups.
 */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function detachValue(v: Value): Value {
  return typeof v === 'string' ? detach(v) : v;
}
