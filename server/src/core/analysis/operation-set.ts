// What a role grants, spelt out over the catalog: every catalog operation its blocks grant after
// wildcards and notActions (notDataActions), one bit per operation and plane, and the names it
// writes out that the catalog does not know. Two roles compare by these sets (features/compare.ts).
// The blocks come compiled: a document's by grants.ts (`compileModelBlock`), a built-in role's by
// the catalog (`Catalog.compiled`). The sets of the built-in roles are kept by their catalog.
import type { BuiltInRole, Catalog, Operation } from '../../catalog/catalog';
import { memoKey } from '../../catalog/memo';
import { type CompiledBlock, type Plane, roleGrants } from '../../catalog/permissions';

export const PLANES: readonly Plane[] = ['action', 'data'];

/** A name the role writes out (no wildcard) that the catalog does not know, with its plane. */
export interface UnknownGrant {
  readonly name: string;
  readonly plane: Plane;
}

export interface OperationSet {
  /** the blocks the set was worked out from, to ask whether they grant a name the catalog lacks */
  readonly blocks: readonly CompiledBlock[];
  /** one bit per catalog operation (in `Catalog.operations` order), per plane */
  readonly bits: Readonly<Record<Plane, Uint32Array>>;
  /** the positions of the words of `bits` that are not zero, per plane: a role's operations cluster in a few */
  readonly used: Readonly<Record<Plane, Uint32Array>>;
  /** how many bits are set, both planes */
  readonly size: number;
  readonly unknown: readonly UnknownGrant[];
}

/** The catalog's operations with their positions, kept by the catalog. */
interface OperationIndex {
  readonly operations: readonly Operation[];
  readonly position: ReadonlyMap<Operation, number>;
  readonly words: number;
}

const OPERATION_INDEX = memoKey<OperationIndex>('operation positions');
const BUILT_IN_SETS = memoKey<ReadonlyMap<BuiltInRole, OperationSet>>('operation sets of the built-in roles');

function operationIndex(catalog: Catalog): OperationIndex {
  return catalog.memo.get(OPERATION_INDEX, () => {
    const operations = catalog.operations;
    return { operations, position: new Map(operations.map((op, i) => [op, i])), words: Math.ceil(operations.length / 32) };
  });
}

/** What the compiled blocks grant, over the catalog. */
export function operationSet(catalog: Catalog, blocks: readonly CompiledBlock[]): OperationSet {
  const index = operationIndex(catalog);
  const bits = { action: new Uint32Array(index.words), data: new Uint32Array(index.words) };
  const unknown = new Map<string, UnknownGrant>();
  // a block grants what its allow list matches less what its deny list matches, a role what any block grants
  const mark = (into: Uint32Array, text: string, plane: Plane) => {
    for (const op of catalog.match(text, plane)) {
      const i = index.position.get(op)!;
      into[i >>> 5] |= 1 << (i & 31);
    }
  };
  for (const plane of PLANES) {
    const set = bits[plane];
    for (const block of blocks) {
      const deny = block.deny[plane];
      const allowed = deny.length ? new Uint32Array(index.words) : set;
      for (const allow of block.allow[plane]) {
        if (allow.stars === 0 && !catalog.operationLower(allow.lower)) {
          if (!deny.some((d) => d.matchesLower(allow.lower))) unknown.set(`${plane}:${allow.lower}`, { name: allow.text, plane });
        } else mark(allowed, allow.text, plane);
      }
      if (allowed === set) continue;
      const denied = new Uint32Array(index.words);
      for (const d of deny) mark(denied, d.text, plane);
      for (let w = 0; w < set.length; w++) set[w] |= allowed[w] & ~denied[w];
    }
  }
  let size = 0;
  const used = { action: new Uint32Array(0), data: new Uint32Array(0) };
  for (const plane of PLANES) {
    const nonZero: number[] = [];
    bits[plane].forEach((word, w) => {
      if (word === 0) return;
      size += popcount(word);
      nonZero.push(w);
    });
    used[plane] = Uint32Array.from(nonZero);
  }
  return { blocks, bits, used, size, unknown: [...unknown.values()] };
}

/** The sets of every built-in role of the catalog (not the user's imported custom roles), worked out once. */
export function builtInSets(catalog: Catalog): ReadonlyMap<BuiltInRole, OperationSet> {
  return catalog.memo.get(BUILT_IN_SETS, () => new Map(catalog.roles.filter((r) => !r.custom).map((r) => [r, operationSet(catalog, catalog.compiled(r))])));
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many operations both sets grant (names the catalog lacks left out); quickest with the sparser set first. */
export function sharedCount(a: OperationSet, b: OperationSet): number {
  let n = 0;
  for (const plane of PLANES) {
    const x = a.bits[plane];
    const y = b.bits[plane];
    for (const w of a.used[plane]) if (x[w] & y[w]) n += popcount(x[w] & y[w]);
  }
  return n;
}

export interface Granted {
  readonly name: string;
  readonly plane: Plane;
  /** the catalog knows it (else the role writes it out and the catalog has no such operation) */
  readonly known: boolean;
}

/** What `a` grants and `b` does not, catalog operations first (in name order), then the names the catalog lacks. */
export function grantedOnlyBy(catalog: Catalog, a: OperationSet, b: OperationSet): Granted[] {
  const { operations } = operationIndex(catalog);
  const found: Granted[] = [];
  for (const plane of PLANES) {
    const x = a.bits[plane];
    const y = b.bits[plane];
    for (let w = 0; w < x.length; w++) {
      let only = x[w] & ~y[w];
      while (only) {
        const low = only & -only;
        found.push({ name: operations[(w << 5) + 31 - Math.clz32(low)].name, plane, known: true });
        only ^= low;
      }
    }
  }
  for (const u of a.unknown) if (!roleGrants(b.blocks, u.name, u.plane)) found.push({ name: u.name, plane: u.plane, known: false });
  return found;
}
