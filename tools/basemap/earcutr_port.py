"""A line-by-line Python port of earcutr 0.4.3, the triangulator behind geo's
`TriangulateEarcut`, which the app uses to fill the world basemap (src/geography/world.rs).

Used by `make_world.py --check-only` to check that every polygon of world.mmb fills exactly
as the app will fill it (triangle areas add up to the polygon's area), and by
`render_world.py`. The port keeps earcutr's own quirks, which differ from mapbox/earcut:
node 0 is a real dummy node at (0, 0) that `find_hole_bridge` returns when it finds no
bridge (earcutr then bridges the hole to it: BRIDGE_FAILURES records each time), the holes'
bbox is read at slice indexes, `cure_local_intersections` gets no `filter_points` first,
`is_valid_diagonal` lacks the later "opposite-facing sectors" test, the z-order curve uses
earcutr's i64 bit-interleaving. It reproduces the triangle counts and area deviations that
earcutr 0.4.3's tests/integration_test.rs expects for 34 of its 35 fixtures (issue142,
a degenerate case, gives 4 triangles here; the crate was not run to compare it).

    earcut(flat_xy, hole_indices) -> [i0, j0, k0, i1, ...]  (vertex indices, 3 per triangle)

The input is what geo passes: each ring closed (first point repeated at the end), exterior
first, `hole_indices` the index of each hole's first vertex.
"""
import math
import sys

sys.setrecursionlimit(100000)

NULL = 0
M64 = (1 << 64) - 1


def _i64(v):
    v &= M64
    return v - (1 << 64) if v >> 63 else v


def _zorder(x, y, invsize):
    xv = x * invsize
    yv = y * invsize
    if not (math.isfinite(xv) and math.isfinite(yv)):
        raise ValueError("zorder cast failed")
    xi = int(xv)  # trunc toward zero, as num_traits::cast f64 -> i64
    yi = int(yv)
    if not (-(1 << 63) <= xi < (1 << 63)) or not (-(1 << 63) <= yi < (1 << 63)):
        raise ValueError("zorder cast failed")
    # Rust: `x << 32 | y` on i64 (a negative y sign-extends over the high half)
    xy = _i64((xi << 32) | (yi & M64))
    xy = _i64(_i64(xy | _i64(xy << 8)) & 0x00FF00FF00FF00FF)
    xy = _i64(_i64(xy | _i64(xy << 4)) & 0x0F0F0F0F0F0F0F0F)
    xy = _i64(_i64(xy | _i64(xy << 2)) & 0x3333333333333333)
    xy = _i64(_i64(xy | _i64(xy << 1)) & 0x5555555555555555)
    r = (xy >> 32) | _i64(xy << 1)
    r &= 0xFFFFFFFF
    return r - (1 << 32) if r >> 31 else r


class LL:
    def __init__(self):
        # node 0: the NULL dummy
        self.X = [0.0]
        self.Y = [0.0]
        self.VI = [0]
        self.PREV = [0]
        self.NEXT = [0]
        self.Z = [0]
        self.PZ = [0]
        self.NZ = [0]
        self.ST = [False]
        self.invsize = 0.0
        self.minx = sys.float_info.max
        self.miny = sys.float_info.max
        self.maxx = -sys.float_info.max  # T::min_value() for f64
        self.maxy = -sys.float_info.max
        self.usehash = True

    def new_node(self, vi, x, y):
        i = len(self.X)
        self.X.append(x); self.Y.append(y); self.VI.append(vi)
        self.PREV.append(NULL); self.NEXT.append(NULL); self.Z.append(0)
        self.PZ.append(NULL); self.NZ.append(NULL); self.ST.append(False)
        return i

    def insert_node(self, vi, x, y, last):
        p = self.new_node(vi, x, y)
        if last is None:
            self.NEXT[p] = p
            self.PREV[p] = p
        else:
            self.NEXT[p] = self.NEXT[last]
            self.PREV[p] = last
            lastnext = self.NEXT[last]
            self.PREV[lastnext] = p
            self.NEXT[last] = p
        return p

    def remove_node(self, p):
        pi, ni, pz, nz = self.PREV[p], self.NEXT[p], self.PZ[p], self.NZ[p]
        self.NEXT[pi] = ni
        self.PREV[ni] = pi
        self.NZ[pz] = nz
        self.PZ[nz] = pz

    def xy_eq(self, a, b):
        return self.X[a] == self.X[b] and self.Y[a] == self.Y[b]

    def cycle(self, start, end):
        """NodeIterator(start..end): start, start.next, ... stopping before end (full cycle if equal)."""
        out = [start]
        cur = self.NEXT[start]
        while cur != end:
            out.append(cur)
            cur = self.NEXT[cur]
        return out

    def index_curve(self, start):
        invsize = self.invsize
        p = start
        while True:
            if self.Z[p] == 0:
                self.Z[p] = _zorder(self.X[p], self.Y[p], invsize)
            self.PZ[p] = self.PREV[p]
            self.NZ[p] = self.NEXT[p]
            p = self.NEXT[p]
            if p == start:
                break
        pzi = self.PZ[start]
        self.NZ[pzi] = NULL
        self.PZ[start] = NULL
        self.sort_linked(start)

    def sort_linked(self, lst):
        Z, NZ, PZ = self.Z, self.NZ, self.PZ
        insize = 1
        while True:
            p = lst
            lst = NULL
            tail = NULL
            nummerges = 0
            while p != NULL:
                nummerges += 1
                q = p
                psize = 0
                while q != NULL and psize < insize:
                    psize += 1
                    q = NZ[q]
                qsize = insize
                while psize > 0 or (qsize > 0 and q != NULL):
                    if psize > 0 and (qsize == 0 or q == NULL or Z[p] <= Z[q]):
                        e = p
                        p = NZ[p]
                        psize -= 1
                    else:
                        e = q
                        q = NZ[q]
                        qsize -= 1
                    if tail != NULL:
                        NZ[tail] = e
                    else:
                        lst = e
                    PZ[e] = tail
                    tail = e
                p = q
            NZ[tail] = NULL
            insize *= 2
            if nummerges <= 1:
                break

    def add_contour(self, v, start, end, clockwise):
        if start > len(v) or end > len(v) or not v:
            raise ValueError("add_contour")
        if end < 2 or end - 2 < start:
            raise ValueError("add_contour")
        last = None
        leftmost = None
        cminx = sys.float_info.max
        sl = v[start:end]

        def body(xi, x, yi, y):
            nonlocal last, leftmost, cminx
            last = self.insert_node((start + xi) // 2, x, y, last)
            if cminx > x:
                cminx = x
                leftmost = last
            if self.usehash:
                self.miny = min(v[yi], self.miny)
                self.maxx = max(v[xi], self.maxx)
                self.maxy = max(v[yi], self.maxy)

        if clockwise == (signed_area(v, start, end) > 0):
            for k in range(0, len(sl) - 1, 2):
                body(k, sl[k], k + 1, sl[k + 1])
        else:
            n = len(sl)
            # rev().tuples(): ((n-1, y), (n-2, x)), ...
            for k in range(n - 1, 0, -2):
                body(k - 1, sl[k - 1], k, sl[k])
        self.minx = min(cminx, self.minx)
        if self.xy_eq(last, self.NEXT[last]):
            self.remove_node(last)
            last = self.NEXT[last]
        return last, leftmost


def signed_area(v, start, end):
    # i over start..end step 2; j = cycle starting at end-2
    s = 0.0
    idx = list(range(start, end))
    n = len(idx)
    jlist = [idx[(k + (end - 2 - start)) % n] for k in range(n)][::2]
    ilist = idx[::2]
    for i, j in zip(ilist, jlist):
        s = s + (v[j] - v[i]) * (v[i + 1] + v[j + 1])
    return s


def tri_area(ll, p, q, r):
    X, Y = ll.X, ll.Y
    return (Y[q] - Y[p]) * (X[r] - X[q]) - (X[q] - X[p]) * (Y[r] - Y[q])


def area_xy(px, py, qx, qy, rx, ry):
    return (qy - py) * (rx - qx) - (qx - px) * (ry - qy)


def contains_xy(ax, ay, bx, by, cx, cy, px, py):
    return ((cx - px) * (ay - py) - (ax - px) * (cy - py) >= 0
            and (ax - px) * (by - py) - (bx - px) * (ay - py) >= 0
            and (bx - px) * (cy - py) - (cx - px) * (by - py) >= 0)


def contains(ll, a, b, c, p):
    X, Y = ll.X, ll.Y
    return contains_xy(X[a], Y[a], X[b], Y[b], X[c], Y[c], X[p], Y[p])


def earcheck(ll, a, b, c, p):
    return p != a and p != c and contains(ll, a, b, c, p) and tri_area(ll, ll.PREV[p], p, ll.NEXT[p]) >= 0


def is_ear_hashed(ll, prev, ear, nxt):
    # coordinates of the (copied) triangle nodes
    X, Y, Z = ll.X, ll.Y, ll.Z
    if tri_area(ll, prev, ear, nxt) >= 0:
        return False
    maxx = max(X[prev], max(X[ear], X[nxt]))
    maxy = max(Y[prev], max(Y[ear], Y[nxt]))
    minx = min(X[prev], min(X[ear], X[nxt]))
    miny = min(Y[prev], min(Y[ear], Y[nxt]))
    min_z = _zorder(minx, miny, ll.invsize)
    max_z = _zorder(maxx, maxy, ll.invsize)
    p = ll.PZ[ear]
    n = ll.NZ[ear]
    while p != NULL and Z[p] >= min_z and n != NULL and Z[n] <= max_z:
        if earcheck(ll, prev, ear, nxt, p):
            return False
        p = ll.PZ[p]
        if earcheck(ll, prev, ear, nxt, n):
            return False
        n = ll.NZ[n]
    Z[NULL] = min_z - 1
    while Z[p] >= min_z:
        if earcheck(ll, prev, ear, nxt, p):
            return False
        p = ll.PZ[p]
    Z[NULL] = max_z + 1
    while Z[n] <= max_z:
        if earcheck(ll, prev, ear, nxt, n):
            return False
        n = ll.NZ[n]
    return True


def is_ear(ll, prev, ear, nxt):
    if tri_area(ll, prev, ear, nxt) >= 0:
        return False
    for p in ll.cycle(ll.NEXT[nxt], prev):
        if contains(ll, prev, ear, nxt, p) and tri_area(ll, ll.PREV[p], p, ll.NEXT[p]) >= 0:
            return False
    return True


def filter_points(ll, start, end=None):
    end = start if end is None else end
    if end >= len(ll.X) or start >= len(ll.X):
        return NULL
    p = start
    while True:
        again = False
        if not ll.ST[p] and (ll.xy_eq(p, ll.NEXT[p]) or tri_area(ll, ll.PREV[p], p, ll.NEXT[p]) == 0):
            ll.remove_node(p)
            end = ll.PREV[p]
            p = end
            if p == ll.NEXT[p]:
                return end
            again = True
        else:
            if p == ll.NEXT[p]:
                return NULL
            p = ll.NEXT[p]
        if not again and p == end:
            return end


def earcut_linked(ll, ear, tris, PASS, hashed):
    if hashed and PASS == 0:
        ll.index_curve(ear)
    stop = ear
    prev = 0
    nxt = ll.NEXT[ear]
    while stop != nxt:
        prev = ll.PREV[ear]
        nxt = ll.NEXT[ear]
        ok = is_ear_hashed(ll, prev, ear, nxt) if hashed else is_ear(ll, prev, ear, nxt)
        if ok:
            tris.extend((ll.VI[prev], ll.VI[ear], ll.VI[nxt]))
            ll.remove_node(ear)
            ear = ll.NEXT[nxt]
            stop = ear
        else:
            ear = nxt
    if prev == nxt:
        return
    if PASS == 0:
        tmp = filter_points(ll, nxt, None)
        earcut_linked(ll, tmp, tris, 1, hashed)
    elif PASS == 1:
        ear = cure_local_intersections(ll, nxt, tris)
        earcut_linked(ll, ear, tris, 2, hashed)
    elif PASS == 2:
        split_earcut(ll, nxt, tris)


def pseudo_intersects(ll, p1, q1, p2, q2):
    if (ll.xy_eq(p1, p2) and ll.xy_eq(q1, q2)) or (ll.xy_eq(p1, q2) and ll.xy_eq(q1, p2)):
        return True
    return ((tri_area(ll, p1, q1, p2) > 0) != (tri_area(ll, p1, q1, q2) > 0)
            and (tri_area(ll, p2, q2, p1) > 0) != (tri_area(ll, p2, q2, q1) > 0))


def locally_inside(ll, a, b):
    pa, na = ll.PREV[a], ll.NEXT[a]
    if tri_area(ll, pa, a, na) < 0:
        return tri_area(ll, a, b, na) >= 0 and tri_area(ll, a, pa, b) >= 0
    return tri_area(ll, a, b, pa) < 0 or tri_area(ll, a, na, b) < 0


def cure_local_intersections(ll, instart, tris):
    p = instart
    start = instart
    while True:
        a = ll.PREV[p]
        b = ll.NEXT[ll.NEXT[p]]
        if (not ll.xy_eq(a, b) and pseudo_intersects(ll, a, p, ll.NEXT[p], b)
                and locally_inside(ll, a, b) and locally_inside(ll, b, a)):
            tris.extend((ll.VI[a], ll.VI[p], ll.VI[b]))
            ll.remove_node(p)
            nidx = ll.NEXT[p]
            ll.remove_node(nidx)
            start = b
            p = start
        p = ll.NEXT[p]
        if p == start:
            break
    return p


def intersects_polygon(ll, a, b):
    VI = ll.VI
    for p in ll.cycle(a, a):
        n = ll.NEXT[p]
        if (VI[p] != VI[a] and VI[n] != VI[a] and VI[p] != VI[b] and VI[n] != VI[b]
                and pseudo_intersects(ll, p, n, a, b)):
            return True
    return False


def middle_inside(ll, a, b):
    X, Y = ll.X, ll.Y
    mx, my = (X[a] + X[b]) / 2, (Y[a] + Y[b]) / 2
    inside = False
    for p in ll.cycle(a, a):
        n = ll.NEXT[p]
        if (Y[p] > my) != (Y[n] > my) and Y[n] != Y[p] and mx < ((X[n] - X[p]) * (my - Y[p]) / (Y[n] - Y[p]) + X[p]):
            inside = not inside
    return inside


def is_valid_diagonal(ll, a, b):
    return (ll.VI[ll.NEXT[a]] != ll.VI[b] and ll.VI[ll.PREV[a]] != ll.VI[b]
            and not intersects_polygon(ll, a, b) and locally_inside(ll, a, b)
            and locally_inside(ll, b, a) and middle_inside(ll, a, b))


def split_bridge_polygon(ll, a, b):
    c = ll.new_node(ll.VI[a], ll.X[a], ll.Y[a])
    d = ll.new_node(ll.VI[b], ll.X[b], ll.Y[b])
    an = ll.NEXT[a]
    bp = ll.PREV[b]
    ll.NEXT[a] = b
    ll.PREV[b] = a
    ll.NEXT[c] = an
    ll.PREV[an] = c
    ll.NEXT[d] = c
    ll.PREV[c] = d
    ll.NEXT[bp] = d
    ll.PREV[d] = bp
    return d


def split_earcut(ll, start, tris):
    a = start
    while True:
        b = ll.NEXT[ll.NEXT[a]]
        while b != ll.PREV[a]:
            if ll.VI[a] != ll.VI[b] and is_valid_diagonal(ll, a, b):
                c = split_bridge_polygon(ll, a, b)
                an = ll.NEXT[a]
                cn = ll.NEXT[c]
                a = filter_points(ll, a, an)
                c = filter_points(ll, c, cn)
                earcut_linked(ll, a, tris, 0, True)
                earcut_linked(ll, c, tris, 0, True)
                return
            b = ll.NEXT[b]
        a = ll.NEXT[a]
        if a == start:
            break


BRIDGE_FAILURES = []


def find_hole_bridge(ll, hole, outer):
    X, Y = ll.X, ll.Y
    hx, hy = X[hole], Y[hole]
    qx = -math.inf
    m = None
    for p in ll.cycle(outer, outer):
        n = ll.NEXT[p]
        if not (hy <= Y[p] and hy >= Y[n]):
            continue
        if Y[n] == Y[p]:
            continue
        cx = X[p] + (hy - Y[p]) * (X[n] - X[p]) / (Y[n] - Y[p])
        if not cx <= hx:
            continue
        if qx < cx:
            qx = cx
            if qx == hx and hy == Y[p]:
                return p
            elif qx == hx and hy == Y[n]:
                return n
            m = p if X[p] < X[n] else n
    if m is None:
        BRIDGE_FAILURES.append((hx, hy))
        return NULL
    if hx == qx:
        return ll.PREV[m]
    mpx, mpy = X[m], Y[m]
    p = ll.NEXT[m]
    x1 = hx if hy < mpy else qx
    x2 = qx if hy < mpy else hx
    best, tan_min = m, sys.float_info.max / 2
    for q in ll.cycle(p, m):
        if not (hx > X[q] and X[q] >= mpx):
            continue
        if not contains_xy(x1, hy, mpx, mpy, x2, hy, X[q], Y[q]):
            continue
        t = abs(hy - Y[q]) / (hx - X[q])
        if (t < tan_min or (t == tan_min and X[q] > X[best])) and locally_inside(ll, q, hole):
            best, tan_min = q, t
    return best


def eliminate_holes(ll, v, hole_indices, outer):
    queue = []
    bounds = [h * 2 for h in hole_indices] + [len(v)]
    for s, e in zip(bounds, bounds[1:]):
        lst, leftmost = ll.add_contour(v, s, e, False)
        if lst == ll.NEXT[lst]:
            ll.ST[lst] = True
        queue.append((ll.X[leftmost], leftmost))
    queue.sort(key=lambda t: t[0])  # stable
    for _, idx in queue:
        test = find_hole_bridge(ll, idx, outer)
        b = split_bridge_polygon(ll, test, idx)
        filter_points(ll, b, ll.NEXT[b])
        outer = filter_points(ll, outer, ll.NEXT[outer])
    return outer


def earcut(v, hole_indices=()):
    v = [float(t) for t in v]
    if not v and not hole_indices:
        return []
    outer_len = hole_indices[0] * 2 if hole_indices else len(v)
    ll = LL()
    if len(v) < 80:
        ll.usehash = False
    outer, _ = ll.add_contour(v, 0, outer_len, True)
    tris = []
    if len(ll.X) == 1:
        return tris
    outer = eliminate_holes(ll, v, list(hole_indices), outer)
    if ll.usehash:
        size = max(ll.maxx - ll.minx, ll.maxy - ll.miny)
        ll.invsize = 0.0 if size == 0 else 32767.0 / size
        mx, my = ll.minx, ll.miny
        ll.X = [x - mx for x in ll.X]
        ll.Y = [y - my for y in ll.Y]
        earcut_linked(ll, outer, tris, 0, True)
    else:
        earcut_linked(ll, outer, tris, 0, False)
    return tris
