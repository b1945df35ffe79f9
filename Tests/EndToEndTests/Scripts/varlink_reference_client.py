#!/usr/bin/env python3
"""Calls every method parkd serves through python's `varlink` package, the reference
implementation, and checks the answers. Also cross-checks parkd's credit-code validation
against python-stdnum. Usage: varlink_reference_client.py SOCKET_PATH. Exit 0 when all hold."""

import random
import sys

import varlink
from stdnum.cn import uscc

address = "unix:" + sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def expect_error(call, name, what):
    try:
        call()
    except varlink.VarlinkError as error:
        check(error.error() == name, f"{what}: got {error.error()}, wanted {name}")
        return error.parameters()
    failures.append(f"{what}: no error, wanted {name}")
    return None


with varlink.Client(address=address) as client:
    # org.varlink.service
    with client.open("org.varlink.service") as service:
        info = service.GetInfo()
        interfaces = info["interfaces"]
        check(set(interfaces) == {"org.varlink.service", "io.parkd.Service", "io.parkd.Tenant", "io.parkd.Audit",
                                  "io.parkd.Unit", "io.parkd.Lease", "io.parkd.Report", "io.parkd.Stats", "io.parkd.Incubator",
                                  "io.parkd.Policy", "io.parkd.Reward", "io.parkd.Demo", "io.parkd.Calendar",
                                  "io.parkd.Timer", "io.parkd.Backup", "io.parkd.Event",
                                  "io.parkd.BankAccount", "io.parkd.Notice", "io.parkd.Payment",
                                  "io.parkd.Application", "io.parkd.Blocklist", "io.parkd.Review", "io.parkd.TenantKey",
                                  "io.parkd.Submission"},
              f"GetInfo interfaces: {interfaces}")
        for name in interfaces:
            description = service.GetInterfaceDescription(name)["description"]
            # The reference parser must accept every definition parkd serves.
            parsed = varlink.Interface(description)
            check(parsed.name == name, f"{name}: parsed as {parsed.name}")
        expect_error(lambda: service.GetInterfaceDescription("io.nowhere"),
                     "org.varlink.service.InterfaceNotFound", "unknown interface")

    # io.parkd.Tenant
    with client.open("io.parkd.Tenant", namespaced=False) as tenants:
        created = tenants.Create(name="青岛职业人力资源有限公司", creditCode="91370200163562681G",
                                 businessLines=["dispatch", "training"], origin="external", tags=["headquarters"],
                                 contactPerson="王经理", contactPhone="0532-8000 1234", dispatchLicence="370200001",
                                 hrServiceLicence=None, appliedOn="2021-03-01")["tenant"]
        check(created["id"] == 1 and created["status"] == "applicant", f"Create: {created}")
        check(created["businessLines"] == ["dispatch", "training"], f"Create lines: {created['businessLines']}")
        got = tenants.Get("91370200163562681G")["tenant"]
        check(got == created, "Get by credit code returns the created tenant")
        updated = tenants.Update(tenant="1", name=None, creditCode=None, businessLines=None, origin=None,
                                 addTags=["china-top-500"], removeTags=None, contactPerson=None, contactPhone="",
                                 dispatchLicence=None, hrServiceLicence=None)["tenant"]
        check(updated["tags"] == ["china-top-500", "headquarters"], f"Update tags: {updated['tags']}")
        check("contactPhone" not in updated or updated["contactPhone"] is None, "Update cleared the phone")
        moved = tenants.Transition(tenant="1", to="reviewing", on="2021-03-05", reason="材料齐全")["tenant"]
        check(moved["status"] == "reviewing" and moved["history"][0]["on"] == "2021-03-05", f"Transition: {moved}")
        page = tenants.List(status="reviewing", businessLine=None, limit=10, after=None)
        check([t["id"] for t in page["tenants"]] == [1], f"List: {page}")
        params = expect_error(lambda: tenants.Transition(tenant="1", to="exited", on=None, reason="x"),
                              "io.parkd.Tenant.InvalidTransition", "skipping steps")
        check(params and params.get("allowed") == ["approved", "rejected"], f"InvalidTransition: {params}")
        expect_error(lambda: tenants.Get("999"), "io.parkd.Tenant.NoSuchTenant", "unknown tenant")
        params = expect_error(lambda: tenants.Create(name="Dup", creditCode="91370200163562681G"),
                              "io.parkd.Tenant.CreditCodeInUse", "duplicate credit code")
        check(params and params.get("tenant") == 1, f"CreditCodeInUse: {params}")
        params = expect_error(lambda: tenants.Create(name="", creditCode="91370200718022626N"),
                              "io.parkd.Service.InvalidField", "empty name")
        check(params and params.get("field") == "name", f"InvalidField: {params}")

        # Credit codes: parkd and python-stdnum agree on valid and invalid ones.
        rng = random.Random(20211216)
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        agreed = 0
        for serial in range(120):
            body = rng.choice("159") + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6)) \
                + "".join(rng.choice(alphabet) for _ in range(9))
            code = body + (uscc.calc_check_digit(body) if serial % 2 == 0 else rng.choice(alphabet))
            try:
                tenants.Create(name=f"Firm {serial}", creditCode=code)
                accepted = True
            except varlink.VarlinkError as error:
                accepted = False
                if error.error() != "io.parkd.Service.InvalidField":
                    failures.append(f"credit code {code}: unexpected {error.error()}")
            check(accepted == uscc.is_valid(code), f"credit code {code}: parkd {accepted}, stdnum {uscc.is_valid(code)}")
            agreed += accepted == uscc.is_valid(code)

    # io.parkd.Unit and io.parkd.Lease
    with client.open("io.parkd.Unit", namespaced=False) as units:
        unit = units.Create(building="A", floor="12", number="1203", area="120.50", kind="office", listRent="45")["unit"]
        check(unit["area"] == "120.50" and unit["listRent"] == "45.00" and len(unit["availableFrom"]) == 10, f"Unit.Create: {unit}")
        units.Create(building="A", floor="12", number="1204", area="80", kind="office", listRent="45")
        got = units.Get(unit["id"])["unit"]
        # Get alone says who holds the unit: nobody yet.
        check({k: v for k, v in got.items() if k not in ("heldBy", "lastHolder")} == unit and got["heldBy"] == [], f"Unit.Get: {got}")
        check(units.Get(unit=None, label="A-1203")["unit"]["id"] == unit["id"], "Unit.Get by label")
        check([u["number"] for u in units.List(building="A", kind=None)["units"]] == ["1203", "1204"], "Unit.List")
        changed = units.Update(unit=unit["id"], floor=None, area=None, kind=None, listRent="48.5")["unit"]
        check(changed["listRent"] == "48.50", f"Unit.Update: {changed}")
        expect_error(lambda: units.Get(999), "io.parkd.Unit.NoSuchUnit", "unknown unit")
        expect_error(lambda: units.Get(unit=None, label="Z-9"), "io.parkd.Unit.NoSuchUnit", "unknown label")
    with client.open("io.parkd.Lease", namespaced=False) as leases, client.open("io.parkd.Tenant", namespaced=False) as tenants:
        tenants.Transition(tenant="1", to="approved", on="2021-03-10", reason="评审通过")
        lease = leases.Create(tenant="1", units=[1, 2], start="2021-03-15", end="2022-03-14", rent="40",
                              deposit="24100", billingDay=5)["lease"]
        check(lease["area"] == "200.50" and lease["billingDay"] == 5, f"Lease.Create: {lease}")
        check(tenants.Get("1")["tenant"]["status"] == "active", "first lease activates the tenant")
        due = leases.Rent(lease=lease["id"], month="2021-03")
        check(due["amount"] == "4398.06" and due["daysLeased"] == 17, f"Lease.Rent: {due}")
        leases.Amend(lease=lease["id"], rent="42", **{"from": "2021-10-01"})
        renewed = leases.Renew(lease=lease["id"], end="2022-12-31")["lease"]
        check(renewed["end"] == "2022-12-31", f"Lease.Renew: {renewed}")
        ended = leases.Terminate(lease=lease["id"], on="2021-12-10", reason="搬迁")["lease"]
        check(ended["terminatedOn"] == "2021-12-10", f"Lease.Terminate: {ended}")
        check(leases.Get(lease["id"])["lease"] == ended, "Lease.Get")
        check([l["id"] for l in leases.List(tenant="1", unit=None)["leases"]] == [lease["id"]], "Lease.List")
        params = expect_error(lambda: leases.Create(tenant="1", units=[2], start="2021-12-01", end="2022-06-30", rent="40",
                                                    deposit=None, billingDay=None),
                              "io.parkd.Lease.LeaseConflict", "overlapping lease")
        check(params and params.get("lease") == lease["id"], f"LeaseConflict: {params}")
        expect_error(lambda: leases.Get(999), "io.parkd.Lease.NoSuchLease", "unknown lease")

    # io.parkd.Report (the tenant is active since 2021-03-15)
    with client.open("io.parkd.Report", namespaced=False) as reports:
        figures = dict(revenue="1250000.50", tax="45000", employersServed=12, workersDispatched=340, workersOutsourced=0,
                       jobSeekersServed=80, placements=25, trainingSessions=2, trainingAttendees=60, phdHires=1, headcount=48)
        first = reports.Create(tenant="1", month="2021-03", reason=None, **figures)["report"]
        check(first["revenue"] == "1250000.50" and first["version"] == 1, f"Report.Create: {first}")
        figures["revenue"] = "1300000"
        second = reports.Create(tenant="1", month="2021-03", reason="revenue misreported", **figures)["report"]
        check(second["version"] == 2 and second["current"], f"Report.Create correction: {second}")
        listed = reports.List(tenant="1", **{"from": "2021-01", "to": "2021-12"})["reports"]
        check([r["revenue"] for r in listed] == ["1300000.00"], f"Report.List: {listed}")
        versions = reports.History(tenant="1", month="2021-03")["versions"]
        check([v["version"] for v in versions] == [1, 2] and not versions[0]["current"], f"Report.History: {versions}")
        params = expect_error(lambda: reports.Create(tenant="1", month="2021-02", reason=None, **figures),
                              "io.parkd.Service.InvalidField", "month before moving in")
        check(params and params.get("field") == "month", f"month refused: {params}")
        handle = reports.BeginImport()["import"]
        header = "tenant,month,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed," \
                 "placements,trainingSessions,trainingAttendees,phdHires,headcount\n"
        check(reports.AddToImport(handle, header)["bytes"] == len(header), "Report.AddToImport")
        reports.AddToImport(handle, "1,2021-04,1000,10,1,2,3,4,5,1,6,0,7\n1,2021-02,1000,10,1,2,3,4,5,1,6,0,7\n")
        params = expect_error(lambda: reports.FinishImport(handle, None), "io.parkd.Report.ImportRefused", "import refused")
        check(params and params["problems"] == [{"line": 3, "column": "month", "reason": "tenant 1 was not in the park in 2021-02"}],
              f"ImportRefused: {params}")
        expect_error(lambda: reports.FinishImport(handle, None), "io.parkd.Report.NoSuchImport", "import used up")
        handle = reports.BeginImport()["import"]
        reports.AddToImport(handle, header + "1,2021-04,1000,10,1,2,3,4,5,1,6,0,7\n")
        # A bad reason is refused before the upload is taken: the same import is finished after.
        params = expect_error(lambda: reports.FinishImport(handle, ""), "io.parkd.Service.InvalidField", "empty reason")
        check(params and params.get("field") == "reason", f"reason refused: {params}")
        check(reports.FinishImport(handle, "x") == {"imported": 1, "corrected": 0}, "Report.FinishImport")

    # io.parkd.Incubator
    with client.open("io.parkd.Unit", namespaced=False) as units, client.open("io.parkd.Incubator", namespaced=False) as incubator:
        # In the park from 2021 (a seat is counted from its first day in the park).
        seats = [units.Create(building="I", floor=None, number=f"S{n}", area="6", kind="incubator", listRent="0",
                              availableFrom="2021-01-01")["unit"]["id"]
                 for n in range(1, 3)]
        project = incubator.Create(name="智聘云", founder="李明", team=None, university="中国海洋大学", phdCount=1,
                                   seats=seats[:1], enteredOn="2021-03-01")["project"]
        check(project["seats"] == seats[:1] and project["phdCount"] == 1, f"Incubator.Create: {project}")
        check([p["id"] for p in incubator.List(on="2021-06-01")["projects"]] == [project["id"]], "Incubator.List")
        occupancy = incubator.Occupancy(on="2021-06-01")
        check(occupancy == {"on": "2021-06-01", "seats": 2, "occupied": 1, "projects": 1, "percent": "50.00", "phdTalents": 1}, f"Occupancy: {occupancy}")
        graduated = incubator.Graduate(project=project["id"], on="2022-06-01")["project"]
        check(graduated["graduatedOn"] == "2022-06-01", f"Incubator.Graduate: {graduated}")
        expect_error(lambda: incubator.Graduate(project=99, on="2022-06-01"), "io.parkd.Incubator.NoSuchProject", "unknown project")

    # io.parkd.Event: a fair with one place, a waiting list, a promotion; a held event's outcome
    with client.open("io.parkd.Event", namespaced=False) as events:
        fair = events.Create(kind="job-fair", title="春季招聘会", description=None, timeZone="Asia/Shanghai",
                             start="2030-03-20T09:00", end="2030-03-20T16:00", venue="体育馆", link=None, organiser="1",
                             capacity=1, perFirmLimit=None, registrationOpens=None, registrationCloses=None)["event"]
        check(fair["status"] == "open" and fair["organiser"] == 1 and fair["capacity"] == 1, f"Event.Create: {fair}")
        check([e["id"] for e in events.List(kind="job-fair", **{"from": "2030-01-01", "to": "2030-12-31"})["events"]] == [fair["id"]],
              "Event.List")
        check(events.Get(fair["id"])["event"]["title"] == "春季招聘会", "Event.Get")
        first = events.Register(event=fair["id"], tenant="1", places=1, positions=20, roles=["销售"])["registration"]
        second = events.Register(event=fair["id"], tenant="1", places=1, positions=None, roles=None)["registration"]
        check(first["status"] == "registered" and second["status"] == "waiting" and second["waitingPosition"] == 1,
              f"Event.Register: {first} {second}")
        withdrawn = events.CancelRegistration(registration=first["id"], reason="x")
        check([r["id"] for r in withdrawn["promoted"]] == [second["id"]], f"Event.CancelRegistration: {withdrawn}")
        check(len(events.ListRegistrations(fair["id"])["registrations"]) == 2, "Event.ListRegistrations")
        updated = events.Update(event=fair["id"], kind=None, title="春季大学城招聘会", description=None, timeZone=None, start=None,
                                end=None, venue=None, link=None, organiser=None, capacity=None, perFirmLimit=None,
                                registrationOpens=None, registrationCloses=None)["event"]
        check(updated["sequence"] == 1, f"Event.Update: {updated}")
        check(events.Cancel(event=fair["id"], reason="延期")["event"]["status"] == "cancelled", "Event.Cancel")
        expect_error(lambda: events.Cancel(event=fair["id"], reason="again"), "io.parkd.Event.EventCancelled", "cancelled twice")
        past = events.Create(kind="forum", title="创新论坛", description=None, timeZone=None, start="2021-12-10T09:00",
                             end="2021-12-10T17:00", venue=None, link=None, organiser=None, capacity=300, perFirmLimit=None,
                             registrationOpens=None, registrationCloses=None)["event"]
        check(past["status"] == "held", f"a past event is held: {past}")
        recorded = events.RecordOutcome(event=past["id"], employers=None, positions=None, jobSeekers=None, attendees=260, talks=10,
                                        exhibitors=138, reason=None)
        check(recorded["outcome"]["version"] == 1 and recorded["changes"] == [], f"Event.RecordOutcome: {recorded}")
        check(len(events.OutcomeHistory(past["id"])["outcomes"]) == 1, "Event.OutcomeHistory")
        expect_error(lambda: events.Get(99), "io.parkd.Event.NoSuchEvent", "unknown event")
        expect_error(lambda: events.Register(event=past["id"], tenant="1", places=1, positions=None, roles=None),
                     "io.parkd.Event.RegistrationNotOpen", "held event")

    # io.parkd.Stats: the reports of 2021-03 (corrected) and 2021-04
    with client.open("io.parkd.Stats", namespaced=False) as stats:
        year = stats.Park(**{"from": "2021-01-01", "to": "2021-12-31", "monthly": True})
        check(year["totals"]["revenue"] == "1301000.00" and year["totals"]["reports"] == 2, f"Stats.Park totals: {year['totals']}")
        check([m["month"] for m in year["monthly"]] == ["2021-03", "2021-04"], f"Stats.Park monthly: {year['monthly']}")
        check(year["occupancyPercent"] == "0.00" and year["officeArea"] == "200.50", f"Stats.Park area: {year}")

    # io.parkd.Policy: the reference policies in force
    with client.open("io.parkd.Policy", namespaced=False) as policies:
        listed = policies.List()
        check([p["id"] for p in listed["policies"]] == ["P2019", "P2021"] and listed.get("rejected") is None, f"Policy.List: {listed}")
        p2021 = policies.Get("P2021")
        check("RENT_CLAWBACK" in [r["id"] for r in p2021["policy"]["rules"]], "Policy.Get rules")
        check(any(p["name"] == "rent_cap" and p["values"] == [{"from": "2021-04-16", "value": "40 yuan/m²·month"}]
                  for p in p2021["parameters"]), f"Policy.Get parameters: {p2021['parameters'][:2]}")
        source = p2021["source"]
        good = policies.Check(file="P2021.yaml", source=source)
        check(good["policy"]["id"] == "P2021" and good["problems"] == [], f"Policy.Check: {good['problems']}")
        typo = policies.Check(file="typo.yaml", source=source.replace("capped_office_rent(rent_cap,", "capped_office_rent(rent_capp,", 1))
        problem = typo["problems"][0] if typo["problems"] else {}
        check(typo.get("policy") is None and "unknown name 'rent_capp'" in problem.get("message", "") and problem.get("line", 0) > 1,
              f"Policy.Check typo: {typo}")
        cases = "cases:\n  - name: placement\n    period: 2021-06\n    tenant: {active_from: 2021-01-01, reports: {2021-06: {placements: 2}}}\n" \
                "    expect: {PLACEMENT: 400.00}\n"
        tested = policies.Test(file="t.yaml", source=cases, policies=None)
        check(tested["passed"] == 1 and tested["failed"] == 0, f"Policy.Test: {tested}")
        expect_error(lambda: policies.Test(file="t.yaml", source="cases: 3", policies=None), "io.parkd.Policy.PolicyRejected", "bad test file")
        draft = source.replace("placement_subsidy:\n    type: money\n    values:\n      2021-04-16: 200",
                               "placement_subsidy:\n    type: money\n    values:\n      2021-04-16: 300")
        simulated = policies.Simulate(file="draft.yaml", source=draft, period="2021-04")
        placement = [r for r in simulated["rules"] if r["rule"] == "PLACEMENT"]
        check(placement and placement[0]["difference"] == "500.00", f"Policy.Simulate: {simulated['rules']}")
        expect_error(lambda: policies.Get("P1999"), "io.parkd.Policy.NoSuchPolicy", "unknown policy")

    # io.parkd.Reward: a month computed, explained, approved, verified
    with client.open("io.parkd.Reward", namespaced=False) as rewards:
        run = rewards.Run(period="2021-04", rules=None)["run"]
        check(run["status"] == "draft" and run["kind"] == "regular" and run["lines"] >= 1, f"Reward.Run: {run}")
        shown = rewards.Get(run=run["id"], tenant="1", explain=True)
        placement = [l for l in shown["lines"] if l["rule"] == "PLACEMENT"]
        check(placement and placement[0]["amount"] == "1000.00" and placement[0]["explanation"]["steps"], f"Reward.Get: {shown['lines']}")
        check([r["id"] for r in rewards.List(period="2021-04")["runs"]] == [run["id"]], "Reward.List")
        check(rewards.Approve(run=run["id"])["run"]["status"] == "approved", "Reward.Approve")
        expect_error(lambda: rewards.Approve(run=run["id"]), "io.parkd.Reward.RunNotDraft", "approved twice")
        verified = rewards.Verify(run=run["id"])
        check(verified["agrees"] and verified["inputsIntact"] and not verified["dataChanged"], f"Reward.Verify: {verified}")
        expect_error(lambda: rewards.Run(period="2021-04", rules=None), "io.parkd.Reward.NoDifferences", "nothing to adjust")
        expect_error(lambda: rewards.Run(period="2021", rules=["RENT"]), "io.parkd.Service.InvalidField", "monthly rule in a year")
        expect_error(lambda: rewards.Get(run=99, tenant=None, explain=None), "io.parkd.Reward.NoSuchRun", "unknown run")

    # io.parkd.Calendar: the shipped working-day calendar
    with client.open("io.parkd.Calendar", namespaced=False) as calendar:
        year = calendar.Get(2021)
        check(year["workingDays"] == 250 and len(year["holidays"]) == 7 and len(year["swappedWorkingDays"]) == 7,
              f"Calendar.Get: {year}")
        count = calendar.AddWorkingDays(date="2021-09-30", days=5)
        check(count["result"] == "2021-10-13" and [h["name"] for h in count["holidays"]] == ["National Day"]
              and [d["day"] for d in count["swappedWorkingDays"]] == ["2021-10-09"], f"Calendar.AddWorkingDays: {count}")
        uncovered = expect_error(lambda: calendar.AddWorkingDays(date="2026-12-25", days=10),
                                 "io.parkd.Calendar.YearNotCovered", "a count into 2027")
        check(uncovered == {"year": 2027}, f"YearNotCovered: {uncovered}")

    # io.parkd.Timer (no timers configured) and io.parkd.Backup
    with client.open("io.parkd.Timer", namespaced=False) as timers:
        listed = timers.List(displayTimeZone="Asia/Shanghai")
        check(listed["timers"] == [] and listed["now"] > 0, f"Timer.List: {listed}")
        check(timers.History(name=None, limit=5)["runs"] == [], "Timer.History")
        missing = expect_error(lambda: timers.Get(name="nightly", displayTimeZone=None), "io.parkd.Timer.NoSuchTimer", "unknown timer")
        check(missing == {"name": "nightly"}, f"NoSuchTimer: {missing}")
        expect_error(lambda: timers.Run(name="nightly"), "io.parkd.Timer.NoSuchTimer", "unknown timer run")
    with client.open("io.parkd.Backup", namespaced=False) as backups:
        made = backups.Create()
        check(made["integrity"] == "ok" and made["backup"]["sizeBytes"] > 0, f"Backup.Create: {made}")
        listed = backups.List()
        check([b["file"] for b in listed["backups"]] == [made["backup"]["file"]], f"Backup.List: {listed}")
    # io.parkd.BankAccount, io.parkd.Notice and io.parkd.Payment (no approved run here: the refusals)
    with client.open("io.parkd.BankAccount", namespaced=False) as accounts:
        account = accounts.Create(tenant="1", accountName="青岛职业人力资源有限公司", bank="工行青岛分行",
                                  number="3803 0216 0920 0123 456", effectiveFrom="2021-03-01")["account"]
        check(account["number"] == "3803021609200123456" and account["tenant"] == 1, f"BankAccount.Create: {account}")
        check([a["id"] for a in accounts.List(tenant=None)["accounts"]] == [account["id"]], "BankAccount.List")
        expect_error(lambda: accounts.Create(tenant="1", accountName="别的公司", bank="工行", number="3803021609200123456",
                                             effectiveFrom="2021-04-01"), "io.parkd.Service.InvalidField", "another firm's name")
    # io.parkd.TenantKey: an issued key, its public half added again (refused), revoked
    with client.open("io.parkd.TenantKey", namespaced=False) as keys:
        issued = keys.Issue(tenant="1", label=None)
        key = issued["key"]
        check(len(issued["privateKey"]) == 44 and key["origin"] == "issued" and key["tenant"] == 1, f"TenantKey.Issue: {key}")
        expect_error(lambda: keys.Create(tenant="1", publicKey=key["publicKey"], label="again"), "io.parkd.TenantKey.KeyInUse",
                     "TenantKey.Create of a recorded key")
        expect_error(lambda: keys.Revoke(keyId="0000000000000000", reason="x"), "io.parkd.TenantKey.NoSuchKey", "TenantKey.Revoke")
        revoked = keys.Revoke(keyId=key["keyId"], reason="lost")["key"]
        check(revoked["revokeReason"] == "lost" and revoked["revokedAt"], f"TenantKey.Revoke: {revoked}")
        check([k["keyId"] for k in keys.List(tenant="1")["keys"]] == [key["keyId"]], "TenantKey.List")
    # io.parkd.Submission: nothing taken yet; the errors of what is not there
    with client.open("io.parkd.Submission", namespaced=False) as submissions:
        check(submissions.List(tenant=None, type=None, status=None, day=None, limit=None)["submissions"] == [], "Submission.List")
        stats = submissions.Stats()
        check(stats["accepted"] == 0 and stats["rejected"] == 0, f"Submission.Stats: {stats}")
        expect_error(lambda: submissions.Get(id=9, tenant=None, submissionId=None), "io.parkd.Submission.NoSuchSubmission", "Submission.Get")
        expect_error(lambda: submissions.Retry(id=9), "io.parkd.Submission.NoSuchSubmission", "Submission.Retry")
        expect_error(lambda: submissions.Requeue(file="nothing.json"), "io.parkd.Submission.NoSuchQuarantinedFile", "Submission.Requeue")
        expect_error(lambda: submissions.Submit(envelope="{}"), "io.parkd.Service.InvalidField", "Submission.Submit of an empty envelope")
    with client.open("io.parkd.Notice", namespaced=False) as notices:
        expect_error(lambda: notices.Create(run=99, days=None), "io.parkd.Reward.NoSuchRun", "Notice.Create of no run")
        expect_error(lambda: notices.Get(run=99), "io.parkd.Reward.NoSuchRun", "Notice.Get of no run")
        expect_error(lambda: notices.Close(run=99), "io.parkd.Reward.NoSuchRun", "Notice.Close of no run")
        expect_error(lambda: notices.Object(line=999, objector="王先生", grounds="x"), "io.parkd.Notice.NoSuchLine", "Notice.Object")
        expect_error(lambda: notices.Resolve(objection=9, resolution="upheld", reason="x"), "io.parkd.Notice.NoSuchObjection",
                     "Notice.Resolve")
        check(notices.List()["notices"] == [], "Notice.List")
        check(notices.ListObjections(run=None)["objections"] == [], "Notice.ListObjections")
    with client.open("io.parkd.Payment", namespaced=False) as payments:
        expect_error(lambda: payments.Confirm(run=99, tenant="1", confirmedBy="x"), "io.parkd.Reward.NoSuchRun", "Payment.Confirm")
        expect_error(lambda: payments.CreateBatch(runs=None), "io.parkd.Payment.NothingToPay", "Payment.CreateBatch")
        for call in (payments.GetBatch, payments.ApproveBatch, payments.CancelBatch, payments.ExportBatch):
            expect_error(lambda: call(batch=1), "io.parkd.Payment.NoSuchBatch", "a batch that does not exist")
        expect_error(lambda: payments.ImportResult(text="batch,line,amount,result,reason\n1,1,1.00,paid,\n"),
                     "io.parkd.Payment.NoSuchBatch", "Payment.ImportResult")
        check(payments.ListBatches()["batches"] == [], "Payment.ListBatches")
        ledger = payments.Ledger(tenant=None, year=None)
        check(ledger["total"]["name"] == "total" and all("outstanding" in e for e in ledger["entries"]), f"Payment.Ledger: {ledger}")
        check(payments.Verify()["balanced"], "Payment.Verify")
        check(payments.Published(year=2026)["paid"] == [], "Payment.Published")

    # io.parkd.Audit and io.parkd.Service
    with client.open("io.parkd.Audit", namespaced=False) as audit:
        entries = audit.List(limit=5, since=None, method="Tenant.Transition")["entries"]
        outcomes = [entry["outcome"].split(" ")[0] for entry in entries]
        check(outcomes == ["ok", "io.parkd.Tenant.InvalidTransition", "ok"], f"Audit.List: {outcomes}")
        check(len(audit.List(limit=10, since=None, method="Report.Create")["entries"]) == 3, "Report.Create audited")
        # Its former name finds the same calls.
        check(len(audit.List(limit=10, since=None, method="Report.Submit")["entries"]) == 3, "Report.Submit finds Create's calls")
        check(len(audit.List(limit=10, since=None, method="Report.FinishImport")["entries"]) == 4, "FinishImport audited (the refused reason too)")
        verification = audit.Verify()
        check(verification["intact"] and verification["entries"] > 120, f"Audit.Verify: {verification}")
    with client.open("io.parkd.Service", namespaced=False) as service:
        status = service.Status()
        check(status["tenants"] >= 1 and status["version"], f"Status: {status}")
        level = service.SetLogLevel("debug")
        check(level == {"previous": "info", "level": "debug"}, f"SetLogLevel: {level}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"all methods answered as specified; stdnum agreement on {agreed} credit codes")
