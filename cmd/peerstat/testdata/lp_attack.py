# The linear-programming stage of the adversary test (adversary_lp_test.go):
# a reader who solves the release's relations as METRICS.md's audit (ii)
# does, with HiGHS (SciPy's linprog), a solver independent of peerstat's.
#
# Input (JSON, the file named by the first argument): k; the true values
# of the unknowns (from the same run with --min-cell 0, used only to skip
# questions a point already answers and to say what was found; null for
# a count the test does not know, which is not asked about); the
# equations ("eq": Σ coefs·x = rhs) and inequalities ("le": Σ coefs·x <=
# rhs) the reader knows, over unknowns x >= 0.
#
# Output (JSON on stdout): per unknown found out, its index and why: a
# count from 1 to k − 1 whose maximum is below k, or a count whose
# minimum equals its maximum; and how many programs were solved.
#
# The true values are a point of the region; every optimum is another.
# A count is asked only while no point known moves it (or, from 1 to
# k − 1, takes it to k): in each group of linked unknowns, a few programs
# that raise the small counts together and a few in random directions
# come first, then one count at a time.
import json
import sys

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

TOL = 1e-6


def main():
    d = json.load(open(sys.argv[1]))
    k = d["k"]
    # null: a count whose true value the test does not know (never asked)
    values = np.array([np.nan if v is None else v for v in d["values"]], float)
    eqs, les = d["eq"], d["le"]
    n = len(values)
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in eqs + les:
        for v in r["vars"][1:]:
            a, b = find(r["vars"][0]), find(v)
            if a != b:
                parent[a] = b
    groups = {}
    for v in range(n):
        groups.setdefault(find(v), []).append(v)
    rows_of = {}
    for kind, rows in (("eq", eqs), ("le", les)):
        for r in rows:
            rows_of.setdefault(find(r["vars"][0]), {"eq": [], "le": []})[kind].append(r)
    found, programs = [], 0
    for root, members in sorted(groups.items(), key=lambda g: min(g[1])):
        col = {v: j for j, v in enumerate(members)}
        m = len(members)
        rows = rows_of.get(root, {"eq": [], "le": []})

        def matrix(rs):
            data, ri, ci, rhs = [], [], [], []
            for i, r in enumerate(rs):
                for v, a in zip(r["vars"], r["coefs"]):
                    data.append(a)
                    ri.append(i)
                    ci.append(col[v])
                rhs.append(r["rhs"])
            return csr_matrix((data, (ri, ci)), shape=(len(rs), m)), np.array(rhs, float)

        a_eq, b_eq = matrix(rows["eq"]) if rows["eq"] else (None, None)
        a_le, b_le = matrix(rows["le"]) if rows["le"] else (None, None)
        x0 = values[members]
        known = ~np.isnan(x0)
        reach = np.where(known, x0, -np.inf)
        low = np.where(known, x0, np.inf)

        def solve(cost):
            nonlocal programs
            programs += 1
            # HiGHS's presolve in the SciPy that Debian 12 ships aborts the
            # process on some of these programs; without it, none did.
            res = linprog(cost, A_ub=a_le, b_ub=b_le, A_eq=a_eq, b_eq=b_eq, bounds=(0, None),
                          method="highs", options={"presolve": False})
            if res.status == 3:
                return None  # unbounded
            if res.status != 0:
                raise SystemExit("linprog: %s" % res.message)
            np.maximum(reach, res.x, out=reach)
            np.minimum(low, res.x, out=low)
            return res.x

        small = known & (x0 >= 1) & (x0 <= k - 1)
        rng = np.random.default_rng(1)
        for _ in range(4 if small.any() else 0):
            solve(-(rng.random(m) * small))
        # random directions move most of the other counts at once
        for _ in range(4 if m > 1 else 0):
            solve(rng.standard_normal(m) * known)
        def ask(j, sign):
            cost = np.zeros(m)
            cost[j] = sign
            if solve(cost) is None:
                reach[j] = np.inf

        def moved(j):
            return reach[j] > x0[j] + TOL or low[j] < x0[j] - TOL

        for j, v in enumerate(members):
            if not known[j]:
                continue
            if small[j] and reach[j] < k - TOL:
                ask(j, -1)
                if reach[j] < k - TOL:
                    found.append({"var": v, "why": "at most %.6g" % reach[j]})
                    continue
            if moved(j):
                continue
            ask(j, -1)
            if moved(j):
                continue
            ask(j, 1)
            if not moved(j):
                found.append({"var": v, "why": "fixed at %.6g" % x0[j]})
    json.dump({"found": found, "programs": programs, "groups": len(groups)}, sys.stdout)


main()
