#!/usr/bin/env python3
"""`corridor export` as an analyst loads it: run on the shipped indicators,
every CSV read with pandas using the field types of datapackage.json, row
counts, primary and foreign keys and a few values checked against `corridor
score --format json`, every sheet of corridor.xlsx read with openpyxl and
compared with its CSV cell by cell, datapackage.json validated with the
`frictionless` package, and routes.geojson checked against RFC 7946 with
shapely. Run by .ci/run in its virtual environment:

    python tests/data_out/check_export.py --bin target/release/corridor
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import frictionless
import openpyxl
import pandas as pd
import shapely.geometry

CHECKS = {"passed": 0, "failed": 0}


def check(ok, what):
    if ok:
        CHECKS["passed"] += 1
    else:
        CHECKS["failed"] += 1
        print(f"FAIL: {what}", file=sys.stderr)


def corridor(binary, *args):
    return subprocess.run(
        [binary, *args], check=True, capture_output=True, text=True
    ).stdout


def load(folder, resource):
    """A CSV typed by its Table Schema: strings stay strings (empty is
    missing), integers become Int64, numbers float64, booleans boolean."""
    raw = pd.read_csv(
        os.path.join(folder, resource["path"]),
        dtype=str,
        keep_default_na=False,
    )
    fields = resource["schema"]["fields"]
    check(list(raw.columns) == [f["name"] for f in fields], f"{resource['name']}: header")
    out = {}
    for f in fields:
        col = raw[f["name"]]
        missing = col == ""
        if f["type"] == "integer":
            out[f["name"]] = pd.to_numeric(col.mask(missing)).astype("Int64")
        elif f["type"] == "number":
            out[f["name"]] = pd.to_numeric(col.mask(missing)).astype("float64")
        elif f["type"] == "boolean":
            bad = ~col.isin(["true", "false", ""])
            check(not bad.any(), f"{resource['name']}.{f['name']}: booleans")
            out[f["name"]] = col.map({"true": True, "false": False, "": pd.NA}).astype("boolean")
        else:
            out[f["name"]] = col.mask(missing).astype("string")
    return pd.DataFrame(out)


def same_cell(typed, cell, kind):
    if typed is pd.NA or (isinstance(typed, float) and math.isnan(typed)):
        return cell is None
    if kind == "boolean":
        return isinstance(cell, bool) and cell == bool(typed)
    if kind in ("integer", "number"):
        return isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell) == float(typed)
    return cell == str(typed)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/corridor")
    ap.add_argument("--indicators", default="indicators")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "export")
        corridor(binary, "--indicators", a.indicators, "export", "--draws", "1000", "--out", out)
        pkg = json.load(open(os.path.join(out, "datapackage.json"), encoding="utf-8"))
        tables = {r["name"]: load(out, r) for r in pkg["resources"]}
        schemas = {r["name"]: r["schema"] for r in pkg["resources"]}

        # Keys: unique primary keys, foreign keys that resolve.
        for name, df in tables.items():
            pk = schemas[name]["primaryKey"]
            check(not df.duplicated(subset=pk).any(), f"{name}: primary key {pk} unique")
            check(not df[pk].isna().any().any(), f"{name}: primary key {pk} present")
            for fk in schemas[name].get("foreignKeys", []):
                ref = tables[fk["reference"]["resource"]]
                known = set(ref[fk["reference"]["fields"][0]])
                vals = set(df[fk["fields"][0]].dropna())
                check(vals <= known, f"{name}.{fk['fields']} -> {fk['reference']}: {sorted(vals - known)[:3]}")

        # Row counts and values against `score --format json`.
        score = json.loads(corridor(binary, "--indicators", a.indicators, "score", "--format", "json"))
        traf = json.loads(corridor(binary, "--indicators", a.indicators, "score", "--format", "json",
                                   "--phenomenon", "trafficking"))
        s = tables["scores"]
        cor, mov = s[s["kind"] == "corridor"], s[s["kind"] == "movement"]
        check(len(cor) == len(score["corridors"]), "scores: one row per corridor")
        check(len(mov) == len(score["movements"]), "scores: one row per movement")
        check(len(tables["corridors"]) == len(score["corridors"]), "corridors: row count")
        check(len(tables["movements"]) == len(score["movements"]), "movements: row count")
        check(len(tables["audit"]) == len(score["corridors"]), "audit: row count")
        check(len(tables["scores_long"]) == 11 * (len(score["corridors"]) + len(score["movements"])),
              "scores_long: 11 rows per corridor and movement")
        for row, j in zip(cor.itertuples(), score["corridors"]):
            check(row.id == j["id"] and row.rank == j["rank"], f"scores: rank of {j['id']}")
            check(row.score == j["score"], f"scores: score of {j['id']}")
            check(row.confidence == j["confidence"], f"scores: confidence of {j['id']}")
            check(bool(row.contested) == j["contested"], f"scores: contested of {j['id']}")
        for j in traf["corridors"][:5]:
            r = s[s["id"] == j["id"]].iloc[0]
            check(r["trafficking_rank"] == j["rank"] and r["trafficking_score"] == j["score"],
                  f"scores: trafficking of {j['id']}")
        # The long table sums to the score.
        long = tables["scores_long"]
        sums = long.groupby("corridor")["w_v"].sum()
        for j in score["corridors"]:
            check(abs(sums[j["id"]] - j["score"]) < 1e-12, f"scores_long: Σ w·v of {j['id']}")
        f = tables["findings"]
        check(set(f["role"]) <= {"counts", "same_source", "repeat", "unscored", "gap"}, "findings: roles")
        check((f["counts"] == (f["role"] == "counts")).all(), "findings: counts iff role counts")
        check(((f["a"] == 0) | (f["finding"].isin(["observed", "not_observed"]))).all(),
              "findings: a(e) is 0 for gaps")
        # Shares (issue 11): a percentage in 0-100 with a positive base, never
        # beside a count or a time span.
        share = f["quantity_percent"].notna()
        check(share.any(), "findings: the shipped files have shares")
        check(f.loc[share, "quantity_percent"].between(0, 100).all(), "findings: shares in 0-100")
        check((f.loc[share, "quantity_n"].dropna() > 0).all(), "findings: a share's n is positive")
        for col in ["quantity_value", "quantity_min", "quantity_max", "quantity_per"]:
            check(f.loc[share, col].isna().all(), f"findings: a share has no {col}")
        check(f.loc[f["quantity_n"].notna(), "quantity_percent"].notna().all(),
              "findings: n only on a share")

        # The workbook's sheets are the CSVs, typed.
        wb = openpyxl.load_workbook(os.path.join(out, "corridor.xlsx"), read_only=True)
        check(wb.sheetnames == ["README"] + [r["name"] for r in pkg["resources"]], "xlsx: sheets")
        for r in pkg["resources"]:
            ws = wb[r["name"]]
            rows = list(ws.iter_rows(values_only=True))
            df = tables[r["name"]]
            kinds = [fl["type"] for fl in r["schema"]["fields"]]
            check(list(rows[0]) == list(df.columns), f"xlsx {r['name']}: header")
            check(len(rows) - 1 == len(df), f"xlsx {r['name']}: {len(rows) - 1} rows vs {len(df)}")
            bad = 0
            for cells, typed in zip(rows[1:], df.itertuples(index=False)):
                cells = list(cells) + [None] * (len(kinds) - len(cells))
                for c, t, k in zip(cells, typed, kinds):
                    bad += not same_cell(t, c, k)
            check(bad == 0, f"xlsx {r['name']}: {bad} cells differ from the CSV")
        readme = {row[0]: row[1] for row in wb["README"].iter_rows(values_only=True) if row[0]}
        check(readme.get("method") == "METHOD.md, version 2", "xlsx README: method")
        check(str(readme.get("weighting", "")).startswith(score["weighting"]["name"]), "xlsx README: weighting")

        # frictionless: the descriptor, types, keys.
        report = frictionless.validate(os.path.join(out, "datapackage.json"))
        if not report.valid:
            print(report.flatten(["type", "message"])[:10], file=sys.stderr)
        check(report.valid, "frictionless validate datapackage.json")

        # routes.geojson: RFC 7946 shapes, longitude first, every route kept.
        geo = json.load(open(os.path.join(out, "routes.geojson"), encoding="utf-8"))
        check(geo["type"] == "FeatureCollection", "geojson: FeatureCollection")
        routes = 0
        for feat in geo["features"]:
            check(feat["type"] == "Feature" and isinstance(feat["properties"], dict), "geojson: Feature")
            g = feat["geometry"]
            if g is not None:
                shp = shapely.geometry.shape(g)
                check(shp.is_valid, f"geojson: valid {feat['id']}")
                xs, ys = shp.xy if g["type"] == "LineString" else ([shp.x], [shp.y])
                check(all(-180 <= x <= 180 for x in xs) and all(-90 <= y <= 90 for y in ys),
                      f"geojson: lon/lat ranges of {feat['id']}")
            if feat["properties"]["feature"] == "route":
                routes += 1
                p = feat["properties"]
                located = len(p["stops"]) - len(p["missing_coordinates"])
                check((g is None) == (located < 2), f"geojson: geometry of {feat['id']}")
                check(len(p["modes"]) == len(p["stops"]) - 1, f"geojson: modes of {feat['id']}")
        check(routes == int((f["route"].notna()).sum()), "geojson: one route per finding with a route")
    print(f"export check: {CHECKS['passed']} passed, {CHECKS['failed']} failed")
    sys.exit(1 if CHECKS["failed"] else 0)


if __name__ == "__main__":
    main()
