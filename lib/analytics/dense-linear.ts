/**
 * Dense symmetric positive-definite inverse for the linear item models (EASE). Cholesky A = L L^T,
 * then M = L^-1 and A^-1 = M^T M. Every inner loop is a dot product of contiguous rows (M is kept
 * transposed), and rows are processed four at a time against one streamed row, so the matrix is
 * read from memory a quarter as often: about n^3 / 2 multiply-adds in all.
 */

function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, len: number): number {
  let s0 = 0, s1 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    s0 += a[ia + k] * b[ib + k];
    s1 += a[ia + k + 1] * b[ib + k + 1];
  }
  if (k < len) s0 += a[ia + k] * b[ib + k];
  return s0 + s1;
}

const acc = new Float64Array(8);

/** acc[t] = dot(x[r_t + k], y[q + k]) for k in [0, len), four rows r0..r3 of x against one row q of y. */
function dot4(x: Float64Array, r0: number, r1: number, r2: number, r3: number, y: Float64Array, q: number, len: number): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let k = 0; k < len; k++) {
    const v = y[q + k];
    s0 += x[r0 + k] * v;
    s1 += x[r1 + k] * v;
    s2 += x[r2 + k] * v;
    s3 += x[r3 + k] * v;
  }
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
}

/**
 * acc[t] = dot(x[r_t + k], y[q0 + k]) and acc[4 + t] = dot(x[r_t + k], y[q1 + k]) for k in [0, len): four
 * rows of x against two rows of y, so each loaded x value is used twice (eight accumulators fit the
 * registers; about twice as fast as two dot4 calls). Sums run in k order, as dot4's do.
 */
function dot42(x: Float64Array, r0: number, r1: number, r2: number, r3: number, y: Float64Array, q0: number, q1: number, len: number): void {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  for (let k = 0; k < len; k++) {
    const u = y[q0 + k];
    const v = y[q1 + k];
    const x0 = x[r0 + k], x1 = x[r1 + k], x2 = x[r2 + k], x3 = x[r3 + k];
    a0 += x0 * u;
    a1 += x1 * u;
    a2 += x2 * u;
    a3 += x3 * u;
    b0 += x0 * v;
    b1 += x1 * v;
    b2 += x2 * v;
    b3 += x3 * v;
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
  acc[4] = b0;
  acc[5] = b1;
  acc[6] = b2;
  acc[7] = b3;
}

function cholesky(a: Float64Array, n: number): void {
  const entry = (i: number, j: number) => {
    const s = a[i * n + j] - dot(a, i * n, a, j * n, j);
    if (i === j) {
      if (!(s > 0)) throw new Error(`matrix is not positive definite (pivot ${i}: ${s})`);
      a[i * n + i] = Math.sqrt(s);
    } else a[i * n + j] = s / a[j * n + j];
  };
  let i0 = 0;
  for (; i0 + 3 < n; i0 += 4) {
    const r = [i0 * n, (i0 + 1) * n, (i0 + 2) * n, (i0 + 3) * n];
    // Columns left of the group: L[i][j] needs L[i][0..j) (done in earlier j) and row j (finished).
    let j = 0;
    // Two columns at a time: column j + 1 needs L[i][j] (just computed) times L[j + 1][j] on top.
    for (; j + 1 < i0; j += 2) {
      const rj = j * n;
      const rk = rj + n;
      dot42(a, r[0], r[1], r[2], r[3], a, rj, rk, j);
      const d = a[rj + j];
      const e = a[rk + j + 1];
      const l = a[rk + j];
      for (let t = 0; t < 4; t++) {
        const v = (a[r[t] + j] - acc[t]) / d;
        a[r[t] + j] = v;
        a[r[t] + j + 1] = (a[r[t] + j + 1] - (acc[4 + t] + v * l)) / e;
      }
    }
    for (; j < i0; j++) {
      const rj = j * n;
      dot4(a, r[0], r[1], r[2], r[3], a, rj, j);
      const d = a[rj + j];
      for (let t = 0; t < 4; t++) a[r[t] + j] = (a[r[t] + j] - acc[t]) / d;
    }
    for (let t = 0; t < 4; t++) for (let j = i0; j <= i0 + t; j++) entry(i0 + t, j);
  }
  for (; i0 < n; i0++) for (let j = 0; j <= i0; j++) entry(i0, j);
}

/**
 * Inverse of the symmetric positive-definite n x n matrix `a` (row-major; only the lower triangle is
 * read). Returns a new full symmetric matrix; `a` is overwritten with the Cholesky factor. Throws when
 * the matrix is not positive definite.
 */
export function spdInverse(a: Float64Array, n: number): Float64Array {
  cholesky(a, n);
  // mt = (L^-1)^T, upper triangular: mt[j][i] = (L^-1)[i][j] = -(sum_{k=j}^{i-1} L[i][k] mt[j][k]) / L[i][i].
  const mt = new Float64Array(n * n);
  const single = (j: number, from: number) => {
    const rj = j * n;
    if (from === j) {
      mt[rj + j] = 1 / a[rj + j];
      from++;
    }
    for (let i = from; i < n; i++) mt[rj + i] = -dot(a, i * n + j, mt, rj + j, i - j) / a[i * n + i];
  };
  let j0 = 0;
  for (; j0 + 3 < n; j0 += 4) {
    // Within the group first (rows j0..j0+3 up to column j0+3), then four rows at once.
    for (let t = 0; t < 4; t++) {
      const j = j0 + t;
      const rj = j * n;
      mt[rj + j] = 1 / a[rj + j];
      for (let i = j + 1; i <= j0 + 3; i++) mt[rj + i] = -dot(a, i * n + j, mt, rj + j, i - j) / a[i * n + i];
    }
    const r = [j0 * n, (j0 + 1) * n, (j0 + 2) * n, (j0 + 3) * n];
    let i = j0 + 4;
    // Two rows of L at a time: row i + 1 also needs its entry in column i times mt[j][i] (just computed).
    for (; i + 1 < n; i += 2) {
      const ri = i * n;
      const rk = ri + n;
      const len = i - j0 - 3;
      dot42(mt, r[0] + j0 + 3, r[1] + j0 + 3, r[2] + j0 + 3, r[3] + j0 + 3, a, ri + j0 + 3, rk + j0 + 3, len);
      const d = a[ri + i];
      const e = a[rk + i + 1];
      const l = a[rk + i];
      for (let t = 0; t < 4; t++) {
        let s = acc[t];
        for (let k = j0 + t; k < j0 + 3; k++) s += a[ri + k] * mt[r[t] + k];
        const v = -s / d;
        mt[r[t] + i] = v;
        let s1 = acc[4 + t] + l * v;
        for (let k = j0 + t; k < j0 + 3; k++) s1 += a[rk + k] * mt[r[t] + k];
        mt[r[t] + i + 1] = -s1 / e;
      }
    }
    for (; i < n; i++) {
      const ri = i * n;
      // Common part k in [j0 + 3, i); the heads k in [j0 + t, j0 + 3) are short.
      dot4(mt, r[0] + j0 + 3, r[1] + j0 + 3, r[2] + j0 + 3, r[3] + j0 + 3, a, ri + j0 + 3, i - j0 - 3);
      const d = a[ri + i];
      for (let t = 0; t < 4; t++) {
        let s = acc[t];
        for (let k = j0 + t; k < j0 + 3; k++) s += a[ri + k] * mt[r[t] + k];
        mt[r[t] + i] = -s / d;
      }
    }
  }
  for (; j0 < n; j0++) single(j0, j0);
  // A^-1 = (L^-1)^T L^-1: entry (i, j) = sum_{k >= max(i, j)} mt[i][k] mt[j][k].
  const inv = new Float64Array(n * n);
  const put = (i: number, j: number, v: number) => {
    inv[i * n + j] = v;
    inv[j * n + i] = v;
  };
  let i0 = 0;
  for (; i0 + 3 < n; i0 += 4) {
    for (let t = 0; t < 4; t++) for (let j = i0 + t; j < i0 + 4; j++) put(i0 + t, j, dot(mt, (i0 + t) * n + j, mt, j * n + j, n - j));
    const r = [i0 * n, (i0 + 1) * n, (i0 + 2) * n, (i0 + 3) * n];
    let j = i0 + 4;
    // Columns j and j + 1 from k = j: mt is upper triangular, so mt[j + 1][j] = 0 adds nothing.
    for (; j + 1 < n; j += 2) {
      dot42(mt, r[0] + j, r[1] + j, r[2] + j, r[3] + j, mt, j * n + j, (j + 1) * n + j, n - j);
      for (let t = 0; t < 4; t++) {
        put(i0 + t, j, acc[t]);
        put(i0 + t, j + 1, acc[4 + t]);
      }
    }
    for (; j < n; j++) {
      dot4(mt, r[0] + j, r[1] + j, r[2] + j, r[3] + j, mt, j * n + j, n - j);
      for (let t = 0; t < 4; t++) put(i0 + t, j, acc[t]);
    }
  }
  for (; i0 < n; i0++) for (let j = i0; j < n; j++) put(i0, j, dot(mt, i0 * n + j, mt, j * n + j, n - j));
  return inv;
}
