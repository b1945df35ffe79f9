#!/usr/bin/env python3
"""Writes the demo park of Config/demo (run from anywhere; deterministic).

The park is shaped on ../../shared/DOMAIN.md's model park: 81 HR firms moving in from 2018 to 2021
(13 in 2021), office leases, a 55-project incubator at full occupancy with 20 PhD-level talents,
and monthly operating reports whose sums are exactly the published figures:

  2021: revenue 5,773,000,000 yuan, tax 214,000,000 yuan;
  2018-2021: revenue 16,314,000,000, tax 701,000,000, employer firms served 9,720,
             workers dispatched 24,352, workers outsourced 181,086, job seekers served 89,061.

Output: tenants.csv, units.csv, leases.csv, incubator.csv, reports.csv."""

import csv
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
rng = random.Random(20210416)


def credit_code(serial):
    body = "913702" + "%02d" % (serial % 100) + "MA" + "%07d" % (3_000_000 + serial * 7919 % 1_000_000)
    body = body[:17]
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def allocate(total, weights):
    """Splits an integer total in proportion to weights, exactly (remainders to the first rows)."""
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    for i in range(total - sum(shares)):
        shares[i % len(shares)] += 1
    return shares


PREFIXES = ["英才", "人和", "众联", "智聘", "鲁信", "海川", "蓝海", "汇才", "博聘", "金桥", "瑞成", "德众", "新航",
            "卓越", "中才", "青年", "远航", "安信", "恒远", "华夏"]
SUFFIXES = ["人力资源有限公司", "人力资源服务有限公司", "劳务派遣有限公司", "企业管理咨询有限公司", "职业培训学校",
            "猎头服务有限公司", "人才测评有限公司"]
LINES = {"人力资源有限公司": ["recruitment", "outsourcing"], "人力资源服务有限公司": ["recruitment", "dispatch", "outsourcing"],
         "劳务派遣有限公司": ["dispatch"], "企业管理咨询有限公司": ["consulting"], "职业培训学校": ["training"],
         "猎头服务有限公司": ["headhunting"], "人才测评有限公司": ["assessment"]}
CITIES = ["青岛", "山东", "烟台", "潍坊"]

# 81 firms: 20 in 2018, 23 in 2019, 25 in 2020, 13 in 2021, moving in on the first of a month.
moves = [(2018, 20), (2019, 23), (2020, 25), (2021, 13)]
tenants = []
serial = 0
for year, count in moves:
    for i in range(count):
        serial += 1
        suffix = SUFFIXES[serial % len(SUFFIXES)]
        name = CITIES[serial % len(CITIES)] + PREFIXES[serial % len(PREFIXES)] + ("" if serial <= 20 else str(serial)) + suffix
        month = 1 + (i * 11 // count) if year > 2018 else 3 + (i * 9 // count)
        moved_in = datetime.date(year, month, 1)
        tags = []
        if serial in (1, 2):
            tags = ["headquarters", "china-top-500"]
        elif serial == 3:
            tags = ["headquarters", "global-top-500"]
        elif serial in (4, 5, 6):
            tags = ["hr-top-100"]
        tenants.append(dict(serial=serial, name=name, creditCode=credit_code(serial), lines=LINES[suffix],
                            origin="external" if serial % 4 == 0 else "local", tags=tags, movedIn=moved_in))

units, leases = [], []
unit_id = 0
for t in tenants:
    areas = [rng.choice([80, 120, 150.5, 200, 260, 320])] + ([rng.choice([60, 90, 110.25])] if t["serial"] % 3 == 0 else [])
    ids = []
    for area in areas:
        unit_id += 1
        building = "ABCD"[unit_id % 4]
        units.append(dict(id=unit_id, building=building, floor=str(2 + unit_id % 15), number="%d%02d" % (2 + unit_id % 15, unit_id),
                          area="%.2f" % area, kind="office", rent="45.00"))
        ids.append(unit_id)
    start = t["movedIn"]
    end = datetime.date(start.year + 6, start.month, 1) - datetime.timedelta(days=1)
    leases.append(dict(tenant=t["creditCode"], units=" ".join(map(str, ids)), start=start.isoformat(), end=end.isoformat(),
                       rent=rng.choice(["38.00", "40.00", "42.50"]), deposit="%d.00" % (sum(areas) * 40 * 3)))

seats = []
for n in range(1, 56):
    unit_id += 1
    units.append(dict(id=unit_id, building="I", floor="1", number="S%02d" % n, area="6.00", kind="incubator", rent="0.00"))
    seats.append(unit_id)
UNIVERSITIES = ["中国海洋大学", "青岛大学", "山东科技大学", "青岛科技大学", "青岛理工大学"]
phd = allocate(20, [1 if n % 3 == 0 else 0 for n in range(55)])
incubator = [dict(name="创业项目%02d" % (n + 1), founder="创业者%02d" % (n + 1), university=UNIVERSITIES[n % 5],
                  phdCount=phd[n], seat=seats[n], enteredOn=datetime.date(2019 + n % 3, 1 + n % 12, 1).isoformat())
             for n in range(55)]

# Reports: one per firm and month in the park, 2018-2021.
rows = []
for t in tenants:
    size = rng.uniform(0.3, 3.0) * (4 if "china-top-500" in t["tags"] or "global-top-500" in t["tags"] else 1)
    month = t["movedIn"]
    while month.year <= 2021:
        rows.append(dict(tenant=t["creditCode"], year=month.year, month="%d-%02d" % (month.year, month.month),
                         weight=max(1, int(size * rng.uniform(800, 1200))), people=max(1, int(size * 10))))
        month = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)

FEN = 100
by_year = {y: [r for r in rows if r["year"] == y] for y in (2018, 2019, 2020, 2021)}
revenue_years = {2021: 5_773_000_000 * FEN}
tax_years = {2021: 214_000_000 * FEN}
earlier_revenue = (16_314_000_000 - 5_773_000_000) * FEN
earlier_tax = (701_000_000 - 214_000_000) * FEN
earlier_weights = [sum(r["weight"] for r in by_year[y]) for y in (2018, 2019, 2020)]
for y, revenue, tax in zip((2018, 2019, 2020), allocate(earlier_revenue, earlier_weights), allocate(earlier_tax, earlier_weights)):
    revenue_years[y], tax_years[y] = revenue, tax
for y, year_rows in by_year.items():
    weights = [r["weight"] for r in year_rows]
    for r, revenue, tax in zip(year_rows, allocate(revenue_years[y], weights), allocate(tax_years[y], weights)):
        r["revenue"], r["tax"] = revenue, tax
people = [r["people"] for r in rows]
totals = dict(employersServed=9_720, workersDispatched=24_352, workersOutsourced=181_086, jobSeekersServed=89_061)
for field, total in totals.items():
    for r, value in zip(rows, allocate(total, people)):
        r[field] = value
for r in rows:
    r["placements"] = r["people"] // 2
    r["trainingSessions"] = 1 if r["people"] > 15 else 0
    r["trainingAttendees"] = r["trainingSessions"] * r["people"]
    r["phdHires"] = 1 if r["weight"] % 97 == 0 else 0
    r["headcount"] = 10 + r["people"] * 2


def write(name, fields, records):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(fields)
        for record in records:
            writer.writerow([record[k] for k in fields])


for t in tenants:
    t["businessLines"] = " ".join(t["lines"])
    t["tags"] = " ".join(t["tags"])
    t["movedIn"] = t["movedIn"].isoformat()
write("tenants.csv", ["name", "creditCode", "businessLines", "origin", "tags", "movedIn"], tenants)
write("units.csv", ["building", "floor", "number", "area", "kind", "rent"], units)
write("leases.csv", ["tenant", "units", "start", "end", "rent", "deposit"], leases)
write("incubator.csv", ["name", "founder", "university", "phdCount", "seat", "enteredOn"], incubator)
for r in rows:
    r["revenue"] = "%d.%02d" % divmod(r["revenue"], FEN)
    r["tax"] = "%d.%02d" % divmod(r["tax"], FEN)
write("reports.csv", ["tenant", "month", "revenue", "tax", "employersServed", "workersDispatched", "workersOutsourced",
                      "jobSeekersServed", "placements", "trainingSessions", "trainingAttendees", "phdHires", "headcount"], rows)
print(f"{len(tenants)} tenants, {len(units)} units, {len(leases)} leases, {len(incubator)} projects, {len(rows)} reports")
