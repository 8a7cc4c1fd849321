/**
 * School logins as ФИС ОКО writes them (`edu203389`), alone or at the end of a school name
 * in brackets: «МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)». Always lower case.
 */

const BARE = /^[a-z]{2,6}\d{3,}$/i;
/** The last bracketed login in a name; ФИС ОКО puts it at the end. */
const IN_NAME = /\(\s*([a-z]{2,6}\d{3,})\s*\)(?![\s\S]*\([a-z]{2,6}\d{3,}\))/i;

/**
 * The login in a login column: a bare login, or the bracketed one inside a name, else the
 * trimmed cell itself (lower case) so that unusual codes are kept rather than lost; null
 * when the cell is empty.
 */
export function parseLogin(cell: string): string | null {
  const t = cell.trim();
  if (t.length === 0) return null;
  if (BARE.test(t)) return t.toLowerCase();
  const m = IN_NAME.exec(t);
  return m ? m[1]!.toLowerCase() : t.toLowerCase();
}

/** Only the bracketed login of a school name («…(edu203389)»), or null. */
export function loginInName(cell: string): string | null {
  const m = IN_NAME.exec(cell);
  return m ? m[1]!.toLowerCase() : null;
}

/** A school name without the bracketed login ФИС ОКО appends: «МБОУ «СОШ №1»(edu203389)» → «МБОУ «СОШ №1»». */
export function nameWithoutLogin(cell: string): string {
  const m = IN_NAME.exec(cell);
  if (!m) return cell.trim();
  const stripped = (cell.slice(0, m.index) + cell.slice(m.index + m[0].length)).trim();
  return stripped.length > 0 ? stripped : cell.trim();
}
