#!/usr/bin/env python3
"""Writes the demo park of Config/demo (run from anywhere; deterministic).

The park is shaped on ../../shared/DOMAIN.md's model park: 81 HR firms moving in from 2018 to 2021
(13 in 2021), office leases, a 55-project incubator at full occupancy with 20 PhD-level talents,
and monthly operating reports whose sums are exactly the published figures:

  2021: revenue 5,773,000,000 yuan, tax 214,000,000 yuan;
  2018-2021: revenue 16,314,000,000, tax 701,000,000, employer firms served 9,720,
             workers dispatched 24,352, workers outsourced 181,086, job seekers served 89,061.

The park's 61 events of 2021 go to events.csv: the four it published figures for (the spring job
fair at the university town: 112 employers, 8,000 positions, 10,000 job seekers; the daily online
"double-choice" fair from April to June: 173 employers, 5,300 positions, 1,209 job seekers; the
August matching meeting: 35 key employers and 12 HR firms; the December forum: 10 talks, 3
national parks and 135 firms exhibiting, 260 attendees) with those figures as their outcomes, and
57 briefings, matching meetings, trainings, quizzes, fairs and salons without published figures.

Output: tenants.csv, units.csv, leases.csv, incubator.csv, reports.csv, events.csv."""

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

# The events of 2021, from their own generator so that the files above stay as they were.
event_rng = random.Random(20211216)
EVENT_FIELDS = ["kind", "title", "start", "end", "venue", "link", "organiser", "capacity",
                "employers", "positions", "jobSeekers", "attendees", "talks", "exhibitors"]


def event(kind, title, start, end, venue="", link="", organiser="", capacity=100, **figures):
    record = dict(kind=kind, title=title, start=start, end=end, venue=venue, link=link, organiser=organiser, capacity=capacity)
    for field in EVENT_FIELDS[8:]:
        record[field] = figures.get(field, "")
    return record


events = [
    event("job-fair", "2021年春季大学城招聘会", "2021-03-20T09:00", "2021-03-20T16:00", venue="大学城体育馆", capacity=120,
          employers=112, positions=8000, jobSeekers=10000),
    event("online-job-fair", "2021年线上“双选会”（4月至6月每日）", "2021-04-06T09:00", "2021-06-30T17:00",
          link="https://jobs.example.cn/2021", capacity=200, employers=173, positions=5300, jobSeekers=1209),
    event("matching-meeting", "重点企业人力资源供需对接会", "2021-08-18T14:00", "2021-08-18T17:30", venue="园区报告厅", capacity=60,
          employers=35, exhibitors=12),
    event("forum", "人力资源服务业创新发展论坛", "2021-12-16T09:00", "2021-12-16T17:00", venue="园区会展中心", capacity=300,
          attendees=260, talks=10, exhibitors=138),
]
others = [("policy-briefing", 20, "人力资源服务业政策宣讲会", 80), ("matching-meeting", 11, "人力资源供需对接会", 40),
          ("training", 14, "人力资源从业人员培训班", 50), ("online-quiz", 8, "线上政策知识竞答", 500),
          ("job-fair", 2, "专场招聘会", 40), ("forum", 2, "人力资源服务沙龙", 60)]
# The State Council's holidays of 2021: no event falls in them.
HOLIDAYS_2021 = [("2021-01-01", "2021-01-03"), ("2021-02-11", "2021-02-17"), ("2021-04-03", "2021-04-05"), ("2021-05-01", "2021-05-05"),
                 ("2021-06-12", "2021-06-14"), ("2021-09-19", "2021-09-21"), ("2021-10-01", "2021-10-07")]
series = [(kind, n, title, capacity) for kind, count, title, capacity in others for n in range(1, count + 1)]
event_rng.shuffle(series)
for index, (kind, n, title, capacity) in enumerate(series):
    day = datetime.date(2021, 1, 12) + datetime.timedelta(weeks=(index * 49) // len(series), days=2 * (index % 2))
    while any(first <= day.isoformat() <= last for first, last in HOLIDAYS_2021):
        day += datetime.timedelta(days=7)
    online = kind == "online-quiz"
    # The two special fairs were organised with tenants.
    organiser = tenants[index % len(tenants)]["creditCode"] if kind == "job-fair" else ""
    events.append(event(kind, f"{title}（第{n}期）", f"{day.isoformat()}T14:00", f"{day.isoformat()}T16:30",
                        venue="" if online else "园区报告厅", link="https://quiz.example.cn" if online else "",
                        organiser=organiser, capacity=capacity))
events.sort(key=lambda e: e["start"])
assert len(events) == 61
write("events.csv", EVENT_FIELDS, events)

print(f"{len(tenants)} tenants, {len(units)} units, {len(leases)} leases, {len(incubator)} projects, {len(rows)} reports, "
      f"{len(events)} events")
