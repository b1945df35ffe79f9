import Foundation
import Testing

@Suite("parkctl unit and lease against a real parkd")
struct LeaseCommandTests {
    /// An approved tenant and two office units.
    func park() throws -> RunningDaemon {
        let daemon = try RunningDaemon()
        _ = try daemon.parkctl(["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2021-01-04"])
        _ = try daemon.parkctl(["tenant", "transition", "1", "reviewing", "--on", "2021-01-10", "--reason", "材料齐全"])
        _ = try daemon.parkctl(["tenant", "transition", "1", "approved", "--on", "2021-01-20", "--reason", "评审通过"])
        #expect(try daemon.parkctl(["unit", "add", "--building", "A", "--floor", "12", "--number", "1203", "--area", "120.50", "--kind", "office", "--rent", "45"]).stdout == "1\n")
        #expect(try daemon.parkctl(["unit", "add", "--building", "A", "--floor", "12", "--number", "1204", "--area", "80", "--kind", "office", "--rent", "45"]).stdout == "2\n")
        return daemon
    }

    @Test("units are listed with exact areas and rents")
    func units() throws {
        let daemon = try park()
        let list = try daemon.parkctl(["unit", "list"])
        #expect(list.stdout == """
            ID  UNIT    FLOOR  AREA M²  KIND    LIST RENT
             1  A-1203  12      120.50  office      45.00
             2  A-1204  12       80.00  office      45.00

            """)
        let duplicate = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "1203", "--area", "1", "--kind", "office", "--rent", "1"])
        #expect(duplicate.status == 65)
        #expect(duplicate.stderr == "parkctl: unit A-1203 already exists (id 1)\n")
        // Typed in full width (a Chinese input method) or lower case, it is the same unit: refused
        // as a new one, found when named.
        for (building, number) in [("Ａ", "１２０３"), ("a", "1203")] {
            let twin = try daemon.parkctl(["unit", "add", "--building", building, "--number", number, "--area", "1", "--kind", "office", "--rent", "1"])
            #expect(twin.status == 65 && twin.stderr == "parkctl: unit A-1203 already exists (id 1)\n", "\(twin.stderr)")
        }
        #expect(try daemon.parkctl(["unit", "show", "a-1203"]).stdout.contains("A-1203"))
        #expect(try daemon.parkctl(["unit", "show", "Ａ-1203"]).status == 0)
        #expect(try daemon.parkctl(["unit", "list", "--building", "a"]).stdout.contains("A-1203"))
        let badArea = try daemon.parkctl(["unit", "add", "--building", "B", "--number", "1", "--area", "12.345", "--kind", "office", "--rent", "1"])
        #expect(badArea.status == 65)
        #expect(badArea.stderr.contains("invalid --area (area)"))
        #expect(try daemon.parkctl(["unit", "show", "9"]).status == 66)
        let changed = try daemon.parkctl(["--json", "unit", "set", "1", "--rent", "48.5"])
        #expect(changed.stdout.contains("\"listRent\" : \"48.50\""))
    }

    @Test("a lease activates its tenant, prorates rent by day and keeps its history")
    func lease() throws {
        let daemon = try park()
        let signed = try daemon.parkctl(["lease", "add", "--tenant", "91370200163562681G", "--unit", "1", "--unit", "2",
                                         "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "40", "--deposit", "24100"])
        #expect(signed.stdout == "1\n", "\(signed.stderr)")
        let tenant = try daemon.parkctl(["tenant", "show", "1"]).stdout
        #expect(tenant.contains("Status:             active since 2021-03-15"))
        #expect(tenant.contains("Moved in:           2021-03-15 ("))
        let tenantJSON = try daemon.parkctl(["--json", "tenant", "show", "1"]).stdout
        #expect(tenantJSON.contains("\"movedIn\" : \"2021-03-15\""))
        #expect(tenantJSON.contains("\"leaseYear\" : "))
        #expect(try daemon.parkctl(["lease", "rent", "1", "--month", "2021-03"]).stdout == "2021-03: 4,398.06 yuan (17 of 31 days)\n")
        _ = try daemon.parkctl(["lease", "amend", "1", "--rent", "42", "--from", "2021-10-01"])
        let unchanged = try daemon.parkctl(["lease", "amend", "1", "--rent", "42.00", "--from", "2021-11-01"])
        #expect(unchanged.status == 65 && unchanged.stderr == "parkctl: invalid --rent (rent): the rent is 42.00 since 2021-10-01 already; an amendment changes it\n", "\(unchanged.stderr)")
        #expect(try daemon.parkctl(["lease", "rent", "1", "--month", "2021-10"]).stdout == "2021-10: 8,421.00 yuan (31 of 31 days)\n")
        _ = try daemon.parkctl(["lease", "amend", "1", "--rent", "44", "--from", "2022-01-01"])
        _ = try daemon.parkctl(["lease", "terminate", "1", "--on", "2021-12-10", "--reason", "搬迁"])
        let december = try daemon.parkctl(["--json", "lease", "rent", "1", "--month", "2021-12"])
        #expect(december.stdout.contains("\"amount\" : \"2716.45\""))
        let shown = try daemon.parkctl(["lease", "show", "1"])
        #expect(shown.stdout.contains("To:          2021-12-10 (terminated; contracted 2022-03-14)"))
        #expect(shown.stdout.contains("2021-12-10  terminated  搬迁; contracted end was 2022-03-14; dropped what would have begun after it: rent 44.00/m²·month from 2022-01-01"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Rent:        40.00/m²·month from 2021-03-15; 42.00/m²·month from 2021-10-01\n"), "a rent that never applies is not the lease's: \(shown.stdout)")
        let listed = try daemon.parkctl(["lease", "list"])
        #expect(listed.stdout.contains("42.00") && !listed.stdout.contains("44.00"), "\(listed.stdout)")
        let json = try daemon.parkctl(["--json", "lease", "show", "1"])
        #expect(json.stdout.contains("\"deposit\" : \"24100.00\""))
    }

    @Test("a lease signed ahead is withdrawn before its first day, freeing its unit and letting its tenant exit; one that has started is not")
    func withdraw() throws {
        let daemon = try RunningDaemon(clock: "2021-03-01T09:00:00+08:00")
        for arguments in [
            ["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--on", "2021-01-04"],
            ["tenant", "transition", "1", "reviewing", "--on", "2021-01-10", "--reason", "材料齐全"],
            ["tenant", "transition", "1", "approved", "--on", "2021-01-20", "--reason", "评审通过"],
            ["unit", "add", "--building", "A", "--number", "1203", "--area", "120.50", "--kind", "office", "--rent", "45"],
            ["unit", "add", "--building", "A", "--number", "1204", "--area", "80", "--kind", "office", "--rent", "45"],
            ["lease", "add", "--tenant", "1", "--unit", "A-1203", "--start", "2021-02-01", "--end", "2022-01-31", "--rent", "40"],
            ["lease", "add", "--tenant", "1", "--unit", "A-1204", "--start", "2021-06-01", "--end", "2022-05-31", "--rent", "40"],
            ["tenant", "transition", "1", "exiting", "--on", "2021-02-20", "--reason", "搬迁"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let blocked = try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", "2021-03-01", "--reason", "搬迁"])
        #expect(blocked.status == 65)
        #expect(blocked.stderr.contains("lease 2 starts on 2021-06-01, on or after the exit day 2021-03-01; withdraw a lease that has not started (lease withdraw)"), "\(blocked.stderr)")

        let started = try daemon.parkctl(["lease", "withdraw", "1", "--reason", "x"])
        #expect(started.status == 65)
        #expect(started.stderr == "parkctl: invalid LEASE (lease): lease 1 started on 2021-02-01; a lease that has started is ended with lease terminate, never withdrawn\n")
        let withdrawn = try daemon.parkctl(["lease", "withdraw", "2", "--reason", "签约取消"])
        #expect(withdrawn.stdout == "lease 2 withdrawn: A-1204 from 2021-06-01 to 2022-05-31 no longer held\n", "\(withdrawn.stderr)")
        #expect(try daemon.parkctl(["lease", "show", "2"]).status == 66)
        let unit = try daemon.parkctl(["unit", "show", "A-1204"]).stdout
        #expect(unit.split(separator: "\n").contains { $0.hasPrefix("Held by:") && $0.hasSuffix(" -") }, "\(unit)")
        let trail = try daemon.parkctl(["--json", "audit", "list", "--method", "Lease.Withdraw"]).stdout
        #expect(trail.contains("ok: withdrew lease 2 of tenant 1, A-1204 from 2021-06-01 to 2022-05-31, rent 40.00/m²·month: 签约取消"), "\(trail)")
        #expect(try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", "2021-03-01", "--reason", "搬迁"]).status == 0)
    }

    @Test("a park typing in its past: an earlier lease entered after a later one brings the move-in forward; a firm gone since has its stay's leases and fairs recorded")
    func enteringThePast() throws {
        let daemon = try RunningDaemon(clock: "2026-12-02T09:00:00+08:00")
        for arguments in [
            ["tenant", "add", "--name", "青岛庚培训有限公司", "--credit-code", "91370200163562681G", "--on", "2018-12-01"],
            ["tenant", "transition", "1", "reviewing", "--on", "2018-12-10", "--reason", "材料齐全"],
            ["tenant", "transition", "1", "approved", "--on", "2019-01-10", "--reason", "评审通过"],
            ["unit", "add", "--building", "C", "--floor", "2", "--number", "201", "--area", "100", "--kind", "office", "--rent", "30", "--from", "2018-06-01"],
            ["unit", "add", "--building", "C", "--floor", "2", "--number", "202", "--area", "100", "--kind", "office", "--rent", "30", "--from", "2018-06-01"],
            ["lease", "add", "--tenant", "1", "--unit", "C-202", "--start", "2021-01-01", "--end", "2023-12-31", "--rent", "30"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // The firm's real first lease, typed in after the later one: it moved in with it.
        #expect(try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "C-201", "--start", "2019-02-01", "--end", "2020-12-31", "--rent", "30"]).stdout == "2\n")
        let shown = try daemon.parkctl(["tenant", "show", "1"]).stdout
        #expect(shown.contains("Moved in:           2019-02-01 ("), "\(shown)")
        #expect(shown.contains("\n2019-02-01  approved   active     first lease 2 signed (entered after a lease that starts later)  root"), "\(shown)")
        #expect(try daemon.parkctl(["report", "add", "--tenant", "1", "--month", "2019-06", "--revenue", "100", "--tax", "0"]).status == 0)
        let before = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "C-201", "--start", "2019-01-09", "--end", "2019-01-31", "--rent", "30"])
        #expect(before.status == 65 && before.stderr == "parkctl: invalid --start (start): 2019-01-09 is before 2019-01-10, when the tenant became approved\n", "\(before.stderr)")

        // The firm left in 2024; a fair it co-organised in 2023, and a lease of its stay, are typed in after.
        for arguments in [
            ["tenant", "transition", "1", "exiting", "--on", "2024-01-01", "--reason", "搬迁"],
            ["tenant", "transition", "1", "exited", "--on", "2024-03-01", "--reason", "已搬离"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let fair = ["event", "add", "--kind", "job-fair", "--title", "庚公司秋招", "--venue", "园区", "--organiser", "1", "--capacity", "100"]
        #expect(try daemon.parkctl(fair + ["--start", "2023-09-21T09:00", "--end", "2023-09-21T16:00"]).status == 0)
        let after = try daemon.parkctl(fair + ["--start", "2024-05-18T09:00", "--end", "2024-05-18T16:00"])
        #expect(after.status == 65)
        #expect(after.stderr == "parkctl: invalid --organiser (organiser): tenant 1 (青岛庚培训有限公司) is exited since 2024-03-01; a firm that has left the park does not organise its events (this one's last day is 2024-05-18)\n", "\(after.stderr)")
        // An event that began while it was in the park and ended after it left: its last day counts.
        let across = try daemon.parkctl(fair + ["--start", "2024-02-28T09:00", "--end", "2024-03-02T16:00"])
        #expect(across.status == 65 && across.stderr.hasSuffix("(this one's last day is 2024-03-02)\n"), "\(across.stderr)")
        // A renewal of a lease of its stay, entered late, ends by its last day too.
        #expect(try daemon.parkctl(["lease", "renew", "2", "--end", "2021-06-30"]).status == 0)
        let renewed = try daemon.parkctl(["lease", "renew", "2", "--end", "2024-03-31"])
        #expect(renewed.status == 65 && renewed.stderr.hasSuffix("tenant 1 exited on 2024-03-01; a lease renewed for it ends by its last day in the park, 2024-02-29\n"), "\(renewed.stderr)")
        #expect(try daemon.parkctl(["unit", "add", "--building", "C", "--floor", "3", "--number", "301", "--area", "50", "--kind", "office", "--rent", "30", "--from", "2018-06-01"]).status == 0)
        #expect(try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "C-301", "--start", "2022-01-01", "--end", "2024-02-29", "--rent", "30"]).status == 0)
        let past = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "C-301", "--start", "2024-03-01", "--end", "2024-06-30", "--rent", "30"])
        #expect(past.status == 65 && past.stderr == "parkctl: invalid --end (end): tenant 1 exited on 2024-03-01; a lease recorded for it ends by its last day in the park, 2024-02-29\n", "\(past.stderr)")
        #expect(try daemon.parkctl(["audit", "verify"]).status == 0)
    }

    @Test("the rent a lease was signed at is corrected on its own day: the mistyped one never applies, the history says so")
    func rentCorrectedFromTheStart() throws {
        let daemon = try park()
        #expect(try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-15", "--end", "2022-03-14", "--rent", "4"]).stdout == "1\n")
        let corrected = try daemon.parkctl(["lease", "amend", "1", "--rent", "40", "--from", "2021-03-15"])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let shown = try daemon.parkctl(["lease", "show", "1"]).stdout
        #expect(shown.contains("Rent:        40.00/m²·month from 2021-03-15\n"), "\(shown)")
        #expect(shown.contains("corrected") && shown.contains("rent 4.00 → 40.00/m²·month"), "\(shown)")
        #expect(try daemon.parkctl(["lease", "rent", "1", "--month", "2021-03"]).stdout == "2021-03: 2,643.23 yuan (17 of 31 days)\n")
        let before = try daemon.parkctl(["lease", "amend", "1", "--rent", "41", "--from", "2021-03-14"])
        #expect(before.status == 65, "\(before.stderr)")
    }

    @Test("an overlapping lease is refused with the conflicting lease named; unknown leases, and units listed by, are 66")
    func refusals() throws {
        let daemon = try park()
        _ = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "2", "--start", "2021-03-01", "--end", "2021-12-31", "--rent", "40"])
        let overlap = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--unit", "2", "--start", "2021-12-31", "--end", "2022-12-31", "--rent", "40"])
        #expect(overlap.status == 65)
        #expect(overlap.stderr == "parkctl: unit A-1204 is held by lease 1 from 2021-03-01 to 2021-12-31\n")
        #expect(try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "2", "--start", "2022-01-01", "--end", "2022-12-31", "--rent", "40"]).status == 0)
        let missing = try daemon.parkctl(["lease", "rent", "7", "--month", "2021-03"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "parkctl: no lease has id 7\n")
        let badMonth = try daemon.parkctl(["lease", "rent", "1", "--month", "2021-13"])
        #expect(badMonth.status == 65)
        #expect(badMonth.stderr.contains("'2021-13' is not a month in the form YYYY-MM"))
        let list = try daemon.parkctl(["lease", "list", "--unit", "2"])
        #expect(list.stdout.split(separator: "\n").count == 3)
        // A lease starting before the tenant was approved is refused: it could not be in the park then.
        let beforeMoveIn = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-01-01", "--end", "2021-02-28", "--rent", "40"])
        #expect(beforeMoveIn.status == 65 && beforeMoveIn.stderr == "parkctl: invalid --start (start): 2021-01-01 is before 2021-01-20, when the tenant became approved\n", "\(beforeMoveIn.stderr)")
        // An unknown unit is named, as an unknown tenant is, not answered with an empty table.
        let noUnit = try daemon.parkctl(["lease", "list", "--unit", "99999"])
        #expect(noUnit.status == 66 && noUnit.stderr == "parkctl: no unit has id 99999\n" && noUnit.stdout.isEmpty)
    }

    @Test("rents, areas and dates at their limits: an absurd rent is refused, the largest are counted, the year 9999 is served")
    func limits() throws {
        let daemon = try park()
        let absurd = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-03-01", "--end", "2021-12-31", "--rent", "9999999999999"])
        #expect(absurd.status == 65)
        #expect(absurd.stderr == "parkctl: invalid --rent (rent): 9999999999999 is too large: at most 100000.00 yuan per m² per month\n")
        #expect(try daemon.parkctl(["lease", "list"]).stdout.split(separator: "\n").count <= 1, "nothing was signed")
        // A unit's list rent has the same bound, when added and when changed.
        let absurdList = try daemon.parkctl(["unit", "add", "--building", "Z", "--number", "2", "--area", "10", "--kind", "office", "--rent", "100000.01"])
        #expect(absurdList.status == 65)
        #expect(absurdList.stderr == "parkctl: invalid --rent (listRent): 100000.01 is too large: at most 100000.00 yuan per m² per month\n")
        #expect(try daemon.parkctl(["unit", "set", "1", "--rent", "100000.01"]).status == 65)
        #expect(try daemon.parkctl(["unit", "show", "1"]).stdout.contains("45.00"), "unchanged")

        // The largest unit at the largest rent, to the year 9999, for the 20 years a lease runs at
        // most (Civil Code art. 705): an end typed as 9999-12-31 for "open" is refused.
        #expect(try daemon.parkctl(["unit", "add", "--building", "Z", "--number", "1", "--area", "1000000", "--kind", "office", "--rent", "100000"]).stdout == "3\n")
        let forever = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "3", "--start", "2021-03-01", "--end", "9999-12-31", "--rent", "100000"])
        #expect(forever.status == 65 && forever.stderr == "parkctl: invalid --end (end): 9999-12-31 makes a lease from 2021-03-01 longer than 20 years, "
                + "the longest a lease runs (Civil Code art. 705); end it on 2041-02-28 at the latest\n", "\(forever.stderr)")
        #expect(try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "3", "--start", "9980-01-01", "--end", "9999-12-31", "--rent", "100000"]).status == 0)
        let due = try daemon.parkctl(["lease", "rent", "1", "--month", "9999-12"])
        #expect(due.stdout == "9999-12: 100,000,000,000.00 yuan (31 of 31 days)\n", "\(due.stderr)")
        #expect(try daemon.parkctl(["stats", "--year", "9999"]).status == 0)
        #expect(try daemon.parkctl(["stats", "--year", "5"]).status == 65, "a year not in four digits is refused, as a bad value")
        let noYear = try daemon.parkctl(["stats", "--year", "10000"])
        #expect(noYear.status == 65)
        #expect(noYear.stderr == "parkctl: invalid --year (year): 10000 is not a year in four digits, 1900 to 9999 (e.g. 2021)\n", "\(noYear.stderr)")
        let noDay = try daemon.parkctl(["stats", "--from", "20210101", "--to", "2021-12-31"])
        #expect(noDay.status == 65 && noDay.stderr.hasPrefix("parkctl: invalid --from (from): '20210101' is not a day as YYYY-MM-DD"), "\(noDay.stderr)")
        #expect(try daemon.parkctl(["status"]).status == 0, "parkd still serves")
    }
}
