#!/usr/bin/env python3
"""Independent cross-check of `corridor score` against METHOD.md version 2.

Written from METHOD.md (sections 1-5 and 7) and the input files alone, without
reading the Rust sources, so that a misreading of the method in the tool is not
repeated here. It

1. loads an indicator tree and every weighting under `weightings/`, and
   computes, for each scored phenomenon, the strength vector, P, N, score,
   rank, triangulation, confidence, contested flag and dimension coverage of
   every corridor and every movement (METHOD.md §2-§5);
2. runs `corridor score --format json` for every (phenomenon, weighting) and
   compares every corridor and movement field by field;
3. checks the worked example of METHOD.md §7 on the fixture tree
   `crates/score/tests/fixtures/method-example` against the numbers printed
   on the page, both in this implementation and in the tool's output, and the
   §7 AHP check against `corridor weights`.

It also scores a small hand-made edge-case tree (written to a temporary
directory) whose weightings override θ, the groups, the confidence thresholds
and the σ/ρ/κ maps.

Exact arithmetic is the reference: "every number the tool prints must be
reproducible by hand" (METHOD preamble). So two scores or two a(e) within
TIE = 1e-12 of each other are a tie (broken by id, §3/§5), and v ≥ θ, N ≥ θ
are tested as v ≥ θ − TIE, so that a value equal to θ in exact arithmetic but
one rounding below it in floating point still reaches θ.

Usage: python3 tests/independent/method_v2.py [--indicators DIR] [--bin PATH]
Needs Python 3, PyYAML and numpy.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_INDICATORS = ROOT / "indicators"
FIXTURE = ROOT / "crates" / "score" / "tests" / "fixtures" / "method-example"
DEFAULT_BIN = "/tmp/w/bin/corridor"

TOL = 1e-9          # every number, tool against this implementation
TIE = 1e-12         # two a(e) or two scores this close are a tie (METHOD "ties")

# METHOD.md §1, in the fixed order.
TYPES = [
    "border_service", "migration_service", "avr", "migrant_interview",
    "ngo_interview", "travel_industry", "iom_staff", "embassy",
    "intl_org_stats", "media", "internet",
]
TIDX = {t: i for i, t in enumerate(TYPES)}
DEFAULT_GROUPS = {
    "official": ["border_service", "migration_service", "embassy"],
    "humanitarian": ["avr", "iom_staff", "intl_org_stats"],
    "civil_society": ["ngo_interview"],
    "field": ["migrant_interview"],
    "commercial": ["travel_industry"],
    "open": ["media", "internet"],
}
DIMENSIONS = ["magnitude", "routes", "organization", "fees", "profile"]
SCORED = ["smuggling", "irregular_migration", "trafficking"]
KINDS = ("observed", "not_observed")

# METHOD.md §2 defaults.
DEFAULT_SIGMA = {"weak": 1.0 / 3.0, "moderate": 2.0 / 3.0, "strong": 1.0}
DEFAULT_RHO = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
DEFAULT_KAPPA = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
DEFAULT_CONFIDENCE = {"corroborated": 3, "supported": 2, "single_source": 1}
# METHOD.md §4, Saaty's random index for n = 1..11.
RI = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51]

SKIP_DIRS = {"weightings", "countries"}
SKIP_FILES = {"places.yaml", "taxonomy.yaml", "rates.yaml"}


# --------------------------------------------------------------------------
# Loading


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class Finding:
    __slots__ = ("id", "source", "type", "rel", "corridors", "dimension",
                 "kind", "phenomenon", "strength", "cred", "repeats")

    def __repr__(self):
        return f"Finding({self.id})"


class Tree:
    def __init__(self, root: Path):
        self.root = Path(root)
        doc = load_yaml(self.root / "corridors.yaml") or {}
        self.corridors = [c["id"] for c in doc.get("corridors") or []]
        self.movements = {m["id"]: list(m.get("corridors") or [])
                          for m in doc.get("movements") or []}
        self.findings: list[Finding] = []
        for sub in sorted(p for p in self.root.iterdir() if p.is_dir()):
            if sub.name in SKIP_DIRS or sub.name.startswith("."):
                continue
            for f in sorted(sub.rglob("*.yaml")):
                if f.name in SKIP_FILES:
                    continue
                self._load_file(f)
        self.by_id = {f.id: f for f in self.findings}
        self.about = {}             # corridor id -> findings about it
        for f in self.findings:
            for c in dict.fromkeys(f.corridors):
                self.about.setdefault(c, []).append(f)
        if len(self.by_id) != len(self.findings):
            raise SystemExit(f"duplicate finding ids in {self.root}")
        self._repeat_sets()

    def _load_file(self, path: Path):
        doc = load_yaml(path)
        if not isinstance(doc, dict) or "findings" not in doc:
            return
        fid = doc["id"]
        src = doc["source"]
        for n, x in enumerate(doc.get("findings") or [], start=1):
            e = Finding()
            e.id = x.get("id") or f"{fid}#{n}"
            e.source = fid
            e.type = src["type"]
            e.rel = src["reliability"]
            e.corridors = list(x.get("corridors") or [])
            e.dimension = x.get("dimension")
            e.kind = x.get("finding")
            e.phenomenon = x.get("phenomenon")
            e.strength = x.get("strength")
            e.cred = x.get("credibility")
            e.repeats = list(x.get("repeats") or [])
            self.findings.append(e)

    def _repeat_sets(self):
        """Connected components of the `repeats` links (METHOD §1)."""
        parent = {f.id: f.id for f in self.findings}

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for f in self.findings:
            for r in f.repeats:
                if r not in parent:
                    raise SystemExit(f"{f.id} repeats unknown finding {r}")
                a, b = find(f.id), find(r)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        self.rset = {f.id: find(f.id) for f in self.findings}


def parse_ratio(r) -> float:
    if isinstance(r, str):
        return float(Fraction(r.replace(" ", "")))
    return float(r)


class Weighting:
    def __init__(self, path: Path):
        self.path = Path(path)
        doc = load_yaml(self.path)
        self.name = doc.get("name", self.path.stem)
        self.method = doc["method"]
        self.lambda_max = self.ci = self.cr = None
        if self.method == "direct":
            raw = np.zeros(len(TYPES))
            for t, x in (doc.get("weights") or {}).items():
                raw[TIDX[t]] = float(x)
            if raw.sum() <= 0:
                raise SystemExit(f"{path}: all direct weights are zero")
            self.w = raw / raw.sum()
        elif self.method == "ahp":
            self.w, self.lambda_max, self.ci, self.cr = ahp_weights(
                doc.get("judgements") or [])
        else:
            raise SystemExit(f"{path}: unknown method {self.method}")
        theta = doc.get("theta")
        self.theta = 0.5 if theta is None else float(theta)
        self.groups = doc.get("groups") or DEFAULT_GROUPS
        self.group_of = {t: g for g, ts in self.groups.items() for t in ts}
        conf = dict(DEFAULT_CONFIDENCE)
        for k, v in (doc.get("confidence") or {}).items():
            if v is not None:
                conf[k] = int(v)
        self.conf = conf
        self.sigma = dict(DEFAULT_SIGMA)
        for k, v in (doc.get("strength") or {}).items():
            if v is not None:
                self.sigma[k] = float(v)
        self.rho = dict(DEFAULT_RHO)
        for k, v in (doc.get("reliability") or {}).items():
            if v is not None:
                self.rho[str(k)] = float(v)
        self.kappa = dict(DEFAULT_KAPPA)
        for k, v in (doc.get("credibility") or {}).items():
            if v is not None:
                self.kappa[int(k)] = float(v)

    def a(self, e: Finding) -> float:
        """METHOD §2: a(e) = σ(e)·ρ(e)·κ(e)."""
        return self.sigma[e.strength] * self.rho[e.rel] * self.kappa[int(e.cred)]


def ahp_weights(judgements):
    """METHOD §4: principal right eigenvector of the reciprocal matrix."""
    names = []
    for j in judgements:
        for t in (j["a"], j["b"]):
            if t not in names:
                names.append(t)
    n = len(names)
    idx = {t: i for i, t in enumerate(names)}
    A = np.eye(n)
    seen = set()
    for j in judgements:
        a, b = idx[j["a"]], idx[j["b"]]
        key = frozenset((a, b))
        if a == b or key in seen:
            raise SystemExit(f"bad or repeated AHP judgement {j}")
        seen.add(key)
        r = parse_ratio(j["ratio"])
        A[a, b] = r
        A[b, a] = 1.0 / r
    if len(seen) != n * (n - 1) // 2:
        raise SystemExit("AHP: not every pair of named types is judged")
    lam, vec = np.linalg.eig(A)
    k = int(np.argmax(lam.real))
    lmax = float(lam[k].real)
    v = np.abs(vec[:, k].real)
    v = v / v.sum()
    w = np.zeros(len(TYPES))
    for t, i in idx.items():
        w[TIDX[t]] = v[i]
    ci = (lmax - n) / (n - 1) if n > 1 else 0.0
    cr = 0.0 if n <= 2 else ci / RI[n - 1]
    return w, lmax, ci, cr


# --------------------------------------------------------------------------
# METHOD §3 and §5


def noisy_or(values):
    prod = 1.0
    for x in values:
        prod *= (1.0 - x)
    return 1.0 - prod


def about(tree: Tree, target: set):
    """Every finding about any corridor of `target`, once each."""
    seen = {}
    for c in target:
        for e in tree.about.get(c, ()):
            seen[e.id] = e
    return list(seen.values())


def counting(tree: Tree, wt: Weighting, target: set, phen: str, kind: str):
    """The counting findings about `target` (a set of corridor ids: one
    corridor, or the corridors of a movement) with phenomenon `phen` and
    kind `kind`: within each repeat set only the largest a(e) counts, ties
    to the smallest finding id (METHOD §3). Returns [(finding, a)]."""
    best = {}
    for e in about(tree, target):
        if e.kind != kind or e.phenomenon != phen:
            continue
        a = wt.a(e)
        s = tree.rset[e.id]
        cur = best.get(s)
        if (cur is None or a > cur[1] + TIE
                or (abs(a - cur[1]) <= TIE and e.id < cur[0].id)):
            best[s] = (e, a)
    return list(best.values())


def per_type(found):
    """Per source max, then noisy-OR across the sources of each type."""
    per_src = {}
    for e, a in found:
        key = (e.type, e.source)
        per_src[key] = max(per_src.get(key, 0.0), a)
    out = np.zeros(len(TYPES))
    for t in TYPES:
        out[TIDX[t]] = noisy_or(a for (tt, _), a in per_src.items() if tt == t)
    return out


def evaluate(tree: Tree, wt: Weighting, target: set, phen: str):
    obs = counting(tree, wt, target, phen, "observed")
    neg = counting(tree, wt, target, phen, "not_observed")
    P = per_type(obs)
    N = per_type(neg)
    v = P * (1.0 - N)
    S = float(np.dot(wt.w, v))
    # v ≥ θ "by hand": a v that equals θ in exact arithmetic but is one
    # rounding below it in floating point reaches θ (same TIE as for ties).
    th = wt.theta - TIE
    reached = [t for t in TYPES if v[TIDX[t]] >= th]
    groups = sorted({wt.group_of[t] for t in reached})
    g = len(groups)
    if g >= wt.conf["corroborated"]:
        conf = "corroborated"
    elif g >= wt.conf["supported"]:
        conf = "supported"
    elif g >= wt.conf["single_source"]:
        conf = "single-source"
    elif obs:
        conf = "insufficient"
    else:
        conf = "no-evidence"
    contested = bool(any(N[i] >= th for i in range(len(TYPES))))
    dims = {}
    for d in DIMENSIONS:
        per_src = {}
        for e, a in obs:
            if e.dimension == d:
                per_src[e.source] = max(per_src.get(e.source, 0.0), a)
        dims[d] = noisy_or(per_src.values())
    # Conflicts (METHOD §3): listed, never scored.
    conflicts = set()
    for t in TYPES:
        i = TIDX[t]
        if P[i] > 0 and N[i] > 0:
            conflicts.add(("within_type", t))
        if N[i] > 0 and P[i] == 0 and any(
                v[TIDX[u]] >= th for u in TYPES if u != t):
            conflicts.add(("cross_type", t))
    return {
        "score": S, "vector": v, "support": P, "counter": N,
        "types": len(reached), "groups": g, "counted_groups": groups,
        "confidence": conf, "contested": contested, "dimensions": dims,
        "conflicts": conflicts, "gaps": gaps(tree, target),
    }


def gaps(tree: Tree, target: set):
    """METHOD §5, gaps: for all phenomena together."""
    has_scored, unav, withh = set(), set(), set()
    for e in about(tree, target):
        if e.kind in KINDS and e.phenomenon in SCORED:
            has_scored.add(e.type)
        elif e.kind == "unavailable":
            unav.add(e.type)
        elif e.kind == "withheld":
            withh.add(e.type)
    out = {"unavailable": set(), "withheld": set(), "none": set()}
    for t in TYPES:
        if t in has_scored:
            continue
        if t in unav:
            out["unavailable"].add(t)
        if t in withh:
            out["withheld"].add(t)
        if t not in unav and t not in withh:
            out["none"].add(t)
    return out


def rank(results: dict):
    """Descending score, ties (within TIE) by id ascending; ordinal."""
    def cmp(a, b):
        sa, sb = results[a]["score"], results[b]["score"]
        if abs(sa - sb) > TIE:
            return -1 if sa > sb else 1
        return (a > b) - (a < b)
    for r, k in enumerate(sorted(results, key=functools.cmp_to_key(cmp)), 1):
        results[k]["rank"] = r


def score_tree(tree: Tree, wt: Weighting, phen: str):
    cors = {c: evaluate(tree, wt, {c}, phen) for c in tree.corridors}
    movs = {m: evaluate(tree, wt, set(cs), phen)
            for m, cs in tree.movements.items()}
    for m, cs in tree.movements.items():
        movs[m]["corridors"] = list(cs)
    rank(cors)
    rank(movs)
    return cors, movs


# --------------------------------------------------------------------------
# Comparison


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.mismatches = []

    def line(self, ok: bool, label: str, detail: str = ""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'} {label}{(' ' + detail) if detail else ''}")


def close(a, b, tol=TOL):
    return (isinstance(a, (int, float)) and isinstance(b, (int, float))
            and not isinstance(a, bool) and not isinstance(b, bool)
            and math.isfinite(a) and math.isfinite(b) and abs(a - b) <= tol)


def compare_entry(mine, tool, where):
    """Every field of one corridor or movement. Returns a list of
    (where, field, mine, tool)."""
    bad = []

    def num(field, a, b):
        if not close(a, b):
            bad.append((where, field, a, b))

    def exact(field, a, b):
        if a != b:
            bad.append((where, field, a, b))

    num("score", mine["score"], tool.get("score"))
    exact("rank", mine["rank"], tool.get("rank"))
    for key in ("vector", "support", "counter"):
        tv = tool.get(key) or {}
        for t in TYPES:
            num(f"{key}.{t}", float(mine[key][TIDX[t]]), tv.get(t))
        extra = set(tv) - set(TYPES)
        if extra:
            bad.append((where, f"{key} keys", sorted(TYPES), sorted(tv)))
    td = tool.get("dimensions") or {}
    for d in DIMENSIONS:
        num(f"dimensions.{d}", mine["dimensions"][d], td.get(d))
    exact("types", mine["types"], tool.get("types"))
    exact("groups", mine["groups"], tool.get("groups"))
    if "counted_groups" in tool:
        exact("counted_groups", mine["counted_groups"],
              sorted(tool["counted_groups"]))
    exact("confidence", mine["confidence"], tool.get("confidence"))
    exact("contested", mine["contested"], tool.get("contested"))
    if "corridors" in mine:
        # A movement is a declared *set* of corridors (METHOD §1): compare
        # as sets (the tool lists them sorted, the file in declared order).
        exact("corridors", sorted(set(mine["corridors"])),
              sorted(set(tool.get("corridors") or [])))
    if "conflicts" in tool:
        tc = set()
        for c in tool["conflicts"]:
            k = c.get("kind")
            tc.add(("cross_type" if k == "cross_type" else "within_type",
                    c.get("type")))
        exact("conflicts", sorted(mine["conflicts"]), sorted(tc))
    if "gaps" in tool:
        for k in ("unavailable", "withheld", "none"):
            exact(f"gaps.{k}", sorted(mine["gaps"][k], key=TIDX.get),
                  sorted(tool["gaps"].get(k) or [], key=TIDX.get))
    return bad


def run_tool(binary, indicators, phen, weighting):
    cmd = [binary, "--indicators", str(indicators), "score", "--format",
           "json", "--phenomenon", phen, "--weighting", str(weighting)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {' / '.join(p.stderr.strip().splitlines()[:3])[:600]}"
    try:
        return json.loads(p.stdout), None
    except json.JSONDecodeError as exc:
        return None, f"bad JSON: {exc}"


def compare_run(rep, binary, tree, wt, phen, label):
    """One `corridor score` run against this implementation."""
    cors, movs = score_tree(tree, wt, phen)
    out, err = run_tool(binary, tree.root, phen, wt.path)
    if out is None:
        rep.line(False, f"{label} run", err)
        rep.mismatches.append((label, "run", "exit 0", err))
        return None
    rep.line(out.get("phenomenon") == phen, f"{label} phenomenon",
             f"{out.get('phenomenon')!r}")
    if out.get("phenomenon") != phen:
        rep.mismatches.append((label, "phenomenon", phen, out.get("phenomenon")))
    # The weighting as the tool resolved it.
    tw = (out.get("weighting") or {}).get("weights") or {}
    bad = [(label, f"weights.{t}", float(wt.w[TIDX[t]]), tw.get(t))
           for t in TYPES if not close(float(wt.w[TIDX[t]]), tw.get(t))]
    if wt.method == "ahp":
        twd = out.get("weighting") or {}
        for k, mine in (("lambda_max", wt.lambda_max),
                        ("consistency_index", wt.ci),
                        ("consistency_ratio", wt.cr)):
            if not close(mine, twd.get(k)):
                bad.append((label, f"weighting.{k}", mine, twd.get(k)))
    if "theta" in (out.get("weighting") or {}):
        if not close(wt.theta, out["weighting"]["theta"]):
            bad.append((label, "theta", wt.theta, out["weighting"]["theta"]))
    rep.line(not bad, f"{label} weighting", f"({wt.method})")
    rep.mismatches.extend(bad)
    for kind, mine_all, tool_list in (("corridor", cors, out.get("corridors") or []),
                                      ("movement", movs, out.get("movements") or [])):
        tool_by = {x["id"]: x for x in tool_list}
        if set(tool_by) != set(mine_all) or len(tool_by) != len(tool_list):
            rep.line(False, f"{label} {kind} ids",
                     f"mine-only={sorted(set(mine_all) - set(tool_by))} "
                     f"tool-only={sorted(set(tool_by) - set(mine_all))}")
            rep.mismatches.append((label, f"{kind} ids", sorted(mine_all),
                                   sorted(tool_by)))
        ranks = [x.get("rank") for x in tool_list]
        if ranks != sorted(ranks):
            rep.line(False, f"{label} {kind} order", "output not in rank order")
            rep.mismatches.append((label, f"{kind} order", "rank order", ranks))
        for k in sorted(mine_all, key=lambda k: mine_all[k]["rank"]):
            if k not in tool_by:
                continue
            bad = compare_entry(mine_all[k], tool_by[k], f"{label} {kind} {k}")
            rep.line(not bad, f"{label} {kind} {k}",
                     f"rank {mine_all[k]['rank']} score {mine_all[k]['score']:.12f}"
                     if not bad else f"{len(bad)} field(s) differ")
            rep.mismatches.extend(bad)
    return cors, movs, out


# --------------------------------------------------------------------------
# METHOD §7


def check_example(rep, binary, tmp: Path):
    tree = Tree(FIXTURE)
    eq = tmp / "equal.yaml"
    eq.write_text("name: equal\nmethod: direct\nweights:\n"
                  + "".join(f"  {t}: 1\n" for t in TYPES), encoding="utf-8")
    wt = Weighting(eq)

    def expect(label, got, want, tol=TOL):
        ok = close(got, want, tol) if isinstance(want, float) else got == want
        rep.line(ok, f"§7 {label}", f"= {got!r} (expected {want!r})")
        if not ok:
            rep.mismatches.append(("§7", label, want, got, "expected", "got"))

    def vec(d):
        v = [0.0] * len(TYPES)
        for t, x in d.items():
            v[TIDX[t]] = x
        return v

    def check_one(src, res, phen, cid, page):
        r = res[phen][cid]
        for key, want in page.items():
            if key == "vector":
                want_v = vec(want)
                for t in TYPES:
                    expect(f"{src} {phen} {cid} v({t})",
                           float(r["vector"][TIDX[t]]), want_v[TIDX[t]])
            elif key == "dimensions":
                for d, x in want.items():
                    expect(f"{src} {phen} {cid} D({d})", r["dimensions"][d], x)
            elif key == "P" or key == "N":
                for t, x in want.items():
                    fld = "support" if key == "P" else "counter"
                    expect(f"{src} {phen} {cid} {key}({t})",
                           float(r[fld][TIDX[t]]), x)
            elif key == "digits":
                # The page prints the score truncated with an ellipsis.
                got = f"{math.floor(r['score'] * 10**len(want[2:])) / 10**len(want[2:]):.{len(want[2:])}f}"
                expect(f"{src} {phen} {cid} score prints as {want}…", got, want)
            else:
                expect(f"{src} {phen} {cid} {key}", r[key], want)

    third = 1.0 / 3.0
    page = {
        ("smuggling", "x"): {
            "vector": {"border_service": 1 - (1 - 0.64) * (1 - 0.32), "avr": 1.0,
                       "media": third * 0.5 * 0.5},
            "P": {"border_service": 0.7552, "travel_industry": 0.0},
            "N": {"travel_industry": 0.32},
            "score": (0.7552 + 1.0 + 1.0 / 12.0) / 11.0,
            "digits": "0.167139",
            "types": 2, "groups": 2, "confidence": "supported",
            "contested": False,
            "conflicts": {("cross_type", "travel_industry")},
            "dimensions": {"magnitude": 1.0, "routes": 0.5376,
                           "organization": 1.0 / 12.0, "fees": 0.0,
                           "profile": 0.0},
        },
        ("irregular_migration", "x"): {
            "vector": {"migration_service": 0.64},
            "score": 0.64 / 11.0, "digits": "0.058181",
            "types": 1, "groups": 1, "confidence": "single-source",
        },
        ("trafficking", "x"): {"score": 0.0, "confidence": "no-evidence"},
        ("smuggling", "y"): {
            "vector": {"avr": 0.8, "migrant_interview": 0.64},
            "score": 1.44 / 11.0, "digits": "0.130909",
            "groups": 2, "confidence": "supported",
        },
        ("smuggling", "z"): {
            "vector": {"media": 1.0 / 12.0}, "types": 0, "groups": 0,
            "confidence": "insufficient",
        },
        ("smuggling", "m"): {
            "vector": {"border_service": 0.7552, "avr": 1.0,
                       "migrant_interview": 0.64, "media": 1.0 / 12.0},
            "score": (0.7552 + 1.0 + 0.64 + 1.0 / 12.0) / 11.0,
            "digits": "0.225321",
            "types": 3, "groups": 3, "confidence": "corroborated",
        },
    }
    # The page's own arithmetic.
    expect("page 2.478533… = 0.7552 + 1 + 0.64 + 1/12",
           f"{math.floor((0.7552 + 1 + 0.64 + 1 / 12) * 1e6) / 1e6:.6f}", "2.478533")

    # (a) this implementation against the page.
    mine = {}
    for phen in SCORED:
        cors, movs = score_tree(tree, wt, phen)
        mine[phen] = {**cors, **movs}
    for (phen, cid), p in page.items():
        check_one("mine", mine, phen, cid, p)
    # The repeat: e7 counts zero for x, e1 counts.
    obs = counting(tree, wt, {"x"}, "smuggling", "observed")
    ids = sorted(e.id for e, _ in obs)
    expect("mine counting observed smuggling findings of x (e7 a repeat)",
           ids, sorted(["e1", "e2", "e3", "e5", "e6"]))
    expect("mine rank x (smuggling)", mine["smuggling"]["x"]["rank"], 1)

    # (b) the tool against the page, and field by field against mine.
    tool = {}
    for phen in SCORED:
        r = compare_run(rep, binary, tree, wt, phen, f"method-example {phen}/equal")
        if r is None:
            continue
        _, _, out = r
        tool[phen] = {}
        for x in (out.get("corridors") or []) + (out.get("movements") or []):
            e = {
                "score": x.get("score"), "rank": x.get("rank"),
                "types": x.get("types"), "groups": x.get("groups"),
                "confidence": x.get("confidence"),
                "contested": x.get("contested"),
                "vector": [float((x.get("vector") or {}).get(t, float("nan"))) for t in TYPES],
                "support": [float((x.get("support") or {}).get(t, float("nan"))) for t in TYPES],
                "counter": [float((x.get("counter") or {}).get(t, float("nan"))) for t in TYPES],
                "dimensions": x.get("dimensions") or {},
                "conflicts": {("cross_type" if c.get("kind") == "cross_type"
                               else "within_type", c.get("type"))
                              for c in x.get("conflicts") or []},
            }
            tool[phen][x["id"]] = e
    for (phen, cid), p in page.items():
        if phen in tool and cid in tool[phen]:
            check_one("tool", tool, phen, cid, p)
        else:
            rep.line(False, f"§7 tool {phen} {cid}", "missing from the tool's output")
            rep.mismatches.append(("§7", f"tool {phen} {cid}", "present", "missing"))

    # AHP check of §7: the 4×4 matrix.
    ahp = tmp / "ahp4.yaml"
    t4 = TYPES[:4]
    M = [[1, 3, 5, 7], [None, 1, 3, 5], [None, None, 1, 3], [None, None, None, 1]]
    lines = [f"  - {{a: {t4[i]}, b: {t4[j]}, ratio: {M[i][j]}}}\n"
             for i in range(4) for j in range(i + 1, 4)]
    ahp.write_text("name: ahp4\nmethod: ahp\nallow_inconsistent: true\n"
                   "judgements:\n" + "".join(lines), encoding="utf-8")
    w4 = Weighting(ahp)
    p = subprocess.run([binary, "--indicators", str(FIXTURE), "weights",
                        str(ahp), "--format", "json"],
                       capture_output=True, text=True)
    try:
        tj = json.loads(p.stdout) if p.returncode == 0 else None
    except json.JSONDecodeError:
        tj = None
    if tj is None:
        rep.line(False, "§7 AHP 4x4 corridor weights", p.stderr.strip()[:500])
        rep.mismatches.append(("§7", "AHP run", "exit 0", p.stderr.strip()[:500]))
    else:
        for t in TYPES:
            expect(f"AHP 4x4 w({t})", (tj.get("weights") or {}).get(t),
                   float(w4.w[TIDX[t]]), 1e-6)
        expect("AHP 4x4 lambda_max", tj.get("lambda_max"), w4.lambda_max, 1e-6)
        expect("AHP 4x4 CI", tj.get("consistency_index"), w4.ci, 1e-6)
        expect("AHP 4x4 CR", tj.get("consistency_ratio"), w4.cr, 1e-6)

# --------------------------------------------------------------------------
# A small hand-made tree for the cases the real data may not reach: repeat
# sets spanning two corridors of one movement, a tie inside a repeat set,
# default finding ids, multi-corridor findings, within-type conflict and
# contested, gaps, and weighting files that override θ, the groups, the
# confidence thresholds and the three maps (direct and AHP with fractions).

EDGE_CORRIDORS = """\
corridors:
  - {id: p, origin: BGD, via: [KGZ], destination: KAZ, label: P}
  - {id: q, origin: PAK, via: [], destination: KGZ, label: Q}
  - {id: r, origin: AFG, via: [TJK], destination: KGZ, label: R}
  - {id: s, origin: IND, via: [], destination: KGZ, label: S}
  - {id: u, origin: IRN, via: [], destination: KGZ, label: U}
movements:
  - {id: mv, label: MV, corridors: [p, q], note: edge}
  - {id: mw, label: MW, corridors: [q, r, s], note: edge}
  - {id: mx, label: MX, corridors: [u, s], note: edge}
"""

# (file id, type, reliability, [finding dicts])
EDGE_FILES = [
    ("f1", "border_service", "B", [
        dict(corridors=["p"], dimension="magnitude", finding="observed",
             phenomenon="smuggling", strength="strong", credibility=2),
        dict(corridors=["p", "q"], dimension="routes", finding="observed",
             phenomenon="smuggling", strength="moderate", credibility=3),
        dict(corridors=["s"], dimension="fees", finding="observed",
             phenomenon="trafficking", strength="strong", credibility=1),
    ]),
    ("f2", "media", "F", [
        dict(id="z-late", corridors=["q"], dimension="organization",
             finding="observed", phenomenon="smuggling", strength="strong",
             credibility=1, repeats=["f1#1"]),
        dict(id="z-neg", corridors=["p"], dimension="magnitude",
             finding="not_observed", phenomenon="smuggling", strength="weak",
             credibility=2, repeats=["z-late"]),
    ]),
    ("f3", "avr", "C", [
        dict(id="t-b", corridors=["r"], dimension="profile", finding="observed",
             phenomenon="smuggling", strength="strong", credibility=2),
        dict(corridors=["r", "s"], dimension="magnitude", finding="observed",
             phenomenon="irregular_migration", strength="moderate", credibility=6),
    ]),
    ("f4", "iom_staff", "C", [
        dict(id="t-a", corridors=["r"], dimension="fees", finding="observed",
             phenomenon="smuggling", strength="strong", credibility=2,
             repeats=["t-b"]),
    ]),
    ("f5", "travel_industry", "A", [
        dict(corridors=["r"], dimension="magnitude", finding="not_observed",
             phenomenon="smuggling", strength="strong", credibility=1),
        dict(corridors=["r"], dimension="routes", finding="observed",
             phenomenon="smuggling", strength="weak", credibility=3),
        dict(corridors=["u"], dimension="routes", finding="not_observed",
             phenomenon="irregular_migration", strength="moderate", credibility=2),
    ]),
    ("f6", "embassy", "D", [
        dict(corridors=["s"], dimension="magnitude", finding="unavailable"),
        dict(corridors=["u", "s"], dimension="profile", finding="observed",
             phenomenon="regular_movement", strength="strong", credibility=1),
    ]),
    ("f7", "ngo_interview", "E", [
        dict(corridors=["s"], dimension="organization", finding="withheld"),
        dict(corridors=["s", "u"], dimension="organization", finding="observed",
             phenomenon="smuggling", strength="moderate", credibility=4),
    ]),
    ("f8", "ngo_interview", "B", [
        dict(corridors=["u"], dimension="fees", finding="observed",
             phenomenon="smuggling", strength="strong", credibility=2),
        dict(corridors=["s"], dimension="magnitude", finding="unavailable"),
    ]),
    ("f9", "migrant_interview", "A", [
        dict(corridors=["u"], dimension="routes", finding="observed",
             phenomenon="irregular_migration", strength="strong", credibility=1),
        dict(corridors=["q", "u"], dimension="profile", finding="observed",
             phenomenon="smuggling", strength="weak", credibility=5),
        dict(corridors=["p"], dimension="magnitude", finding="observed",
             phenomenon="context", strength="strong", credibility=1),
    ]),
    ("f10", "internet", "F", [
        dict(id="aa-copy", corridors=["p", "q"], dimension="routes",
             finding="observed", phenomenon="smuggling", strength="moderate",
             credibility=3, repeats=["f1#2"]),
    ]),
]

EDGE_WEIGHTINGS = {
    "equal.yaml": "name: equal\nmethod: direct\nweights:\n"
                  + "".join(f"  {t}: 1\n" for t in TYPES),
    "direct-overrides.yaml": """\
name: direct-overrides
method: direct
weights: {border_service: 3, avr: 2.5, media: 1, iom_staff: 0.5, ngo_interview: 2, travel_industry: 1, migrant_interview: 4}
theta: 0.3
confidence: {corroborated: 4, supported: 2}
groups:
  state: [border_service, migration_service, embassy, intl_org_stats]
  aid: [avr, iom_staff, ngo_interview]
  people: [migrant_interview, travel_industry]
  open: [media, internet]
strength: {weak: 0.25, strong: 0.9}
reliability: {F: 0.3, C: 0.65}
credibility: {"6": 0.25, "3": 0.55}
""",
    "ahp-fractions.yaml": """\
name: ahp-fractions
method: ahp
allow_inconsistent: true
theta: 0.45
judgements:
  - {a: border_service, b: avr, ratio: "1/3"}
  - {a: border_service, b: media, ratio: 2}
  - {a: avr, b: media, ratio: "5"}
  - {a: ngo_interview, b: border_service, ratio: 1.5}
  - {a: ngo_interview, b: avr, ratio: "1/2"}
  - {a: ngo_interview, b: media, ratio: 4}
""",
}


def write_edge_tree(root: Path, corridors=EDGE_CORRIDORS, files=EDGE_FILES,
                    weightings=EDGE_WEIGHTINGS) -> Path:
    (root / "KGZ").mkdir(parents=True)
    (root / "weightings").mkdir()
    (root / "corridors.yaml").write_text(corridors, encoding="utf-8")
    for fid, typ, rel, findings in files:
        items = []
        for x in findings:
            x = dict(x)
            x["text"] = "An edge-case finding."
            items.append(x)
        doc = {"id": fid, "source": {"type": typ, "name": f"Edge {fid}",
                                     "reliability": rel,
                                     "citation": "edge case"},
               "country": "KGZ", "period": 2005, "findings": items}
        (root / "KGZ" / f"{fid}.yaml").write_text(
            yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    for name, text in weightings.items():
        (root / "weightings" / name).write_text(text, encoding="utf-8")
    return root


def check_edge(rep, binary, tmp: Path):
    root = write_edge_tree(tmp / "edge")
    tree = Tree(root)
    eq = Weighting(root / "weightings" / "equal.yaml")

    def expect(label, got, want):
        ok = close(got, want) if isinstance(want, float) else got == want
        rep.line(ok, f"edge {label}", f"= {got!r} (expected {want!r})")
        if not ok:
            rep.mismatches.append(("edge", label, want, got, "expected", "got"))

    # Hand-derived from METHOD §3/§5 (this implementation):
    cors, movs = score_tree(tree, eq, "smuggling")
    # z-late repeats f1#1: for q it counts (f1#1 is not about q), for the
    # movement mv = {p, q} the set counts once, with f1#1 (0.64 > 0.5).
    expect("q media v", float(cors["q"]["vector"][TIDX["media"]]), 0.5)
    expect("mv media v", float(movs["mv"]["vector"][TIDX["media"]]), 0.0)
    # f1#1 (p, 0.64) and f1#2 (p and q, 0.32) are one source: max, once.
    expect("mv border_service v", float(movs["mv"]["vector"][TIDX["border_service"]]),
           0.64)
    # aa-copy (internet, F, 2/3*.5*.6 = 0.2) repeats f1#2 (0.32): zero.
    expect("p internet v", float(cors["p"]["vector"][TIDX["internet"]]), 0.0)
    # t-a and t-b tie at 0.48: the smallest id, t-a (iom_staff), counts.
    expect("r iom_staff P", float(cors["r"]["support"][TIDX["iom_staff"]]), 0.48)
    expect("r avr P", float(cors["r"]["support"][TIDX["avr"]]), 0.0)
    expect("r contested", cors["r"]["contested"], True)
    expect("r travel_industry v", float(cors["r"]["vector"][TIDX["travel_industry"]]), 0.0)
    expect("r conflicts", cors["r"]["conflicts"], {("within_type", "travel_industry")})
    expect("s confidence", cors["s"]["confidence"], "insufficient")
    expect("s gaps.unavailable", sorted(cors["s"]["gaps"]["unavailable"]),
           ["embassy"])
    expect("s gaps.withheld", sorted(cors["s"]["gaps"]["withheld"]), [])
    # f7's two findings: one about s observed (ngo counts) -> ngo not a gap.
    expect("u ngo_interview P", float(cors["u"]["support"][TIDX["ngo_interview"]]),
           1 - (1 - 0.64) * (1 - 2 / 3 * 0.2 * 0.4))

    for wpath in sorted((root / "weightings").glob("*.yaml")):
        wt = Weighting(wpath)
        for phen in SCORED:
            compare_run(rep, binary, tree, wt, phen, f"edge {phen}/{wpath.stem}")


# --------------------------------------------------------------------------
# Optional (--exact-probes): two cases where exact arithmetic and floating
# point part. By hand, k0 and k1 tie (0.24 + 2/90 = 4/15, /11) and the tie
# goes to the smaller id, k0; and t has v(border_service) = 1 − (5/6)(3/5)
# = 1/2 = θ, so it reaches θ.

PROBE_CORRIDORS = """\
corridors:
  - {id: k0, origin: BGD, via: [], destination: KGZ, label: K0}
  - {id: k1, origin: PAK, via: [], destination: KGZ, label: K1}
  - {id: t, origin: IND, via: [], destination: KGZ, label: T}
"""

def _obs(c, strength, cred):
    return dict(corridors=[c], dimension="magnitude", finding="observed",
                phenomenon="smuggling", strength=strength, credibility=cred)

PROBE_FILES = [
    ("p1", "border_service", "C", [_obs("k0", "moderate", 3)]),     # 0.24
    ("p2", "travel_industry", "D", [_obs("k0", "weak", 5)]),        # 2/75
    ("p3", "ngo_interview", "A", [_obs("k1", "moderate", 4)]),      # 4/15
    ("p4", "border_service", "F", [_obs("t", "moderate", 6)]),      # 1/6
    ("p5", "border_service", "C", [_obs("t", "moderate", 1)]),      # 2/5
]


def check_probes(rep, binary, tmp: Path):
    root = write_edge_tree(tmp / "probe", PROBE_CORRIDORS, PROBE_FILES,
                           {"equal.yaml": EDGE_WEIGHTINGS["equal.yaml"]})
    tree = Tree(root)
    wt = Weighting(root / "weightings" / "equal.yaml")
    out, err = run_tool(binary, root, "smuggling", wt.path)
    if out is None:
        rep.line(False, "probe run", err)
        rep.mismatches.append(("probe", "run", "exit 0", err))
        return
    by = {x["id"]: x for x in out["corridors"]}
    cors, _ = score_tree(tree, wt, "smuggling")
    for label, mine, tool in (
            ("k0 rank (tie with k1, smaller id)", cors["k0"]["rank"], by["k0"]["rank"]),
            ("k1 rank", cors["k1"]["rank"], by["k1"]["rank"]),
            ("t types (v = 1/2 = θ)", cors["t"]["types"], by["t"]["types"]),
            ("t confidence", cors["t"]["confidence"], by["t"]["confidence"])):
        rep.line(mine == tool, f"probe {label}", f"mine={mine!r} tool={tool!r}")
        if mine != tool:
            rep.mismatches.append(("probe", label, mine, tool))
    print(f"# probe scores: k0 {by['k0']['score']!r} k1 {by['k1']['score']!r}; "
          f"t v(border_service) {by['t']['vector']['border_service']!r}")


# --------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--indicators", default=str(DEFAULT_INDICATORS),
                    help="indicator directory (default: %(default)s)")
    ap.add_argument("--bin", default=os.environ.get("CORRIDOR_BIN", DEFAULT_BIN),
                    help="corridor binary (default: $CORRIDOR_BIN or %(default)s)")
    ap.add_argument("--max-mismatches", type=int, default=40,
                    help="how many mismatches to list at the end")
    ap.add_argument("--exact-probes", action="store_true",
                    help="also run two probes where exact and floating-point "
                         "arithmetic part (ties, v = θ)")
    args = ap.parse_args(argv)

    rep = Report()
    ind = Path(args.indicators).resolve()
    tree = Tree(ind)
    weightings = sorted((ind / "weightings").glob("*.yaml"))
    if not weightings:
        rep.line(False, f"{ind}/weightings", "no weighting files")
    print(f"# {ind}: {len(tree.corridors)} corridors, {len(tree.movements)} "
          f"movements, {len(tree.findings)} findings, "
          f"{len(weightings)} weightings; tool {args.bin}")
    for wpath in weightings:
        wt = Weighting(wpath)
        for phen in SCORED:
            compare_run(rep, args.bin, tree, wt, phen,
                        f"{ind.name} {phen}/{wpath.stem}")
    with tempfile.TemporaryDirectory(prefix="method_v2.") as tmp:
        check_example(rep, args.bin, Path(tmp))
        check_edge(rep, args.bin, Path(tmp))
        if args.exact_probes:
            check_probes(rep, args.bin, Path(tmp))

    if rep.mismatches:
        print(f"# first {min(len(rep.mismatches), args.max_mismatches)} of "
              f"{len(rep.mismatches)} mismatches (where, field, mine, tool):")
        for m in rep.mismatches[:args.max_mismatches]:
            where, field, a, b = m[:4]
            la, lb = m[4:] if len(m) == 6 else ("mine", "tool")
            print(f"MISMATCH {where} | {field} | {la}={a!r} | {lb}={b!r}")
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
