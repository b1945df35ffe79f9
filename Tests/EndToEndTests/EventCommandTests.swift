import Foundation
import ParkCore
import Synchronization
import Testing

@Suite("parkctl event against a real parkd")
struct EventCommandTests {
    static func creditCode(_ serial: Int) -> String {
        let digits = String(serial)
        return CreditCode.completing("9137021" + String(repeating: "0", count: 10 - digits.count) + digits)!
    }

    /// A parkd on 2021-03-05 with the shipped working-day calendar and `tenants` tenants.
    func park(tenants: Int) throws -> RunningDaemon {
        let daemon = try RunningDaemon(config: Binaries.shippedCalendar, clock: "2021-03-05T09:00:00+08:00")
        for serial in 1...tenants {
            let added = try daemon.parkctl(["tenant", "add", "--name", "人力资源公司\(serial)", "--credit-code", Self.creditCode(serial), "--on", "2021-01-04"])
            #expect(added.stdout == "\(serial)\n", "\(added.stderr)")
        }
        return daemon
    }

    @Test("registrations and cancellations taken through the submissions pipeline: the same rules, receipts saying what was decided")
    func registrationsSubmitted() throws {
        let daemon = try park(tenants: 2)
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "job-fair", "--title", "春季大学城招聘会", "--start", "2021-03-20T09:00", "--end", "2021-03-20T16:00",
            "--capacity", "2", "--registration-opens", "2021-03-01T09:00", "--registration-closes", "2021-03-18T17:00",
        ]).status == 0)
        func submit(_ serial: Int, _ id: String, _ type: String, _ payload: String) throws -> CommandResult {
            let file = daemon.directory + "/\(id).json"
            try #"{"submissionId":"\#(id)","tenant":"\#(Self.creditCode(serial))","type":"\#(type)","createdAt":"2021-03-05T10:00:00+08:00","payload":\#(payload)}"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            return try daemon.parkctl(["submit", file])
        }
        let first = try submit(1, "fair-1", "event-registration", #"{"event":1,"places":2,"positions":120,"roles":["销售代表"]}"#)
        #expect(first.stdout.contains(#""result":{"registration":{"id":1,"event":1,"occurrence":"2021-03-20","status":"registered"}}"#), "\(first.stdout)\(first.stderr)")
        let second = try submit(2, "fair-1", "event-registration", #"{"event":1}"#)
        #expect(second.stdout.contains(#""status":"waiting","waitingPosition":1}"#), "\(second.stdout)\(second.stderr)")
        // A firm withdraws its own registrations only; its places go to the waiting list.
        let foreign = try submit(2, "fair-cancel-1", "event-cancellation", #"{"registration":1}"#)
        #expect(foreign.stdout.hasPrefix("rejected") && foreign.stdout.contains("holds no registration 1"), "\(foreign.stdout)")
        let withdrawn = try submit(1, "fair-cancel-1", "event-cancellation", #"{"registration":1,"reason":"时间冲突"}"#)
        #expect(withdrawn.stdout.contains(#""result":{"registration":{"id":1,"status":"cancelled"},"promoted":[2]}"#), "\(withdrawn.stdout)")
        #expect(try daemon.parkctl(["event", "registrations", "1"]).stdout.contains("registered"))
        // After registration closes, the event's own rule answers.
        try daemon.setClock("2021-03-19T09:00:00+08:00")
        let late = try submit(1, "fair-2", "event-registration", #"{"event":1}"#)
        #expect(late.stdout.hasPrefix("rejected") && late.stdout.contains(#""path":"$.payload.event""#), "\(late.stdout)")
    }

    @Test("an event is added, listed, shown and changed; registration waits past the capacity; a held event cannot change")
    func lifecycle() throws {
        let daemon = try park(tenants: 3)
        let added = try daemon.parkctl([
            "event", "add", "--kind", "job-fair", "--title", "春季大学城招聘会", "--start", "2021-03-20T09:00", "--end", "2021-03-20T16:00",
            "--venue", "大学城体育馆", "--capacity", "3", "--per-firm-limit", "2", "--organiser", "1",
            "--registration-opens", "2021-03-01T09:00", "--registration-closes", "2021-03-18T17:00",
        ])
        #expect(added.stdout == "1\n", "\(added.stderr)")
        #expect(try daemon.parkctl(["event", "list"]).stdout == """
            ID  KIND      START             END    STATUS  PLACES  WAITING  TITLE
             1  job-fair  2021-03-20 09:00  16:00  open       0/3        0  春季大学城招聘会

            """)
        #expect(try daemon.parkctl(["event", "register", "1", "--tenant", "1", "--places", "2", "--positions", "120", "--role", "销售"]).stdout
            == "registration 1: registered for 2 places\n")
        #expect(try daemon.parkctl(["event", "register", "1", "--tenant", "2"]).stdout == "registration 2: registered for 1 place\n")
        #expect(try daemon.parkctl(["event", "register", "1", "--tenant", "3", "--places", "2"]).stdout
            == "registration 3: waiting for 2 places, position 1\n")
        let limit = try daemon.parkctl(["event", "register", "1", "--tenant", "1"])
        #expect(limit.status == 65)
        #expect(limit.stderr == "parkctl: each firm may take at most 2 places at event 1; tenant 1 holds 2 and asks for 1 more\n")
        // A firm refused entry (or gone) does not register.
        #expect(try daemon.parkctl(["tenant", "add", "--name", "已拒企业", "--credit-code", Self.creditCode(9), "--on", "2021-01-04"]).stdout == "4\n")
        #expect(try daemon.parkctl(["tenant", "transition", "4", "rejected", "--on", "2021-02-01", "--reason", "评审未通过"]).status == 0)
        let refused = try daemon.parkctl(["event", "register", "1", "--tenant", "4"])
        #expect(refused.status == 65 && refused.stderr == "parkctl: invalid --tenant (tenant): tenant 4 (已拒企业) is rejected since 2021-02-01; "
            + "a firm that has left the park or was refused entry does not register\n", "\(refused.stderr)")
        // Nor does it organise an event with the park.
        let organiser = try daemon.parkctl(["event", "set", "1", "--organiser", "4"])
        #expect(organiser.status == 65 && organiser.stderr.hasSuffix("a firm that was refused entry does not organise the park's events\n"), "\(organiser.stderr)")
        #expect(try daemon.parkctl(["event", "register", "1", "--tenant", "2"]).stdout == "registration 4: waiting for 1 place, position 2\n")
        // One place frees: registration 3 asks for two and is passed over for 4, which is recorded.
        #expect(try daemon.parkctl(["event", "cancel-registration", "2", "--reason", "时间冲突"]).stdout == """
            registration 2 cancelled
            registration 4 (人力资源公司2) promoted to a place after registration 2 was cancelled; passed over registration 3 (2 places, 1 free)

            """)
        #expect(try daemon.parkctl(["event", "registrations", "1"]).stdout == """
            ID  TENANT           PLACES  POSITIONS  STATUS       ROLES  NOTE
             1  1 人力资源公司1       2        120  registered   销售
             2  2 人力资源公司2       1          0  cancelled    -      时间冲突
             3  3 人力资源公司3       2          0  waiting (1)  -
             4  2 人力资源公司2       1          0  registered   -      promoted to a place after registration 2 was cancelled; passed over registration 3 (2 places, 1 free)

            """)
        // A larger capacity promotes too.
        let widened = try daemon.parkctl(["--json", "event", "set", "1", "--capacity", "5"])
        #expect(widened.stdout.contains("\"registered\" : 5"), "\(widened.stderr)")
        #expect(widened.stdout.contains("\"sequence\" : 0"), "a capacity is not what a calendar shows")
        let moved = try daemon.parkctl(["--json", "event", "set", "1", "--start", "2021-03-20T09:30"])
        #expect(moved.stdout.contains("\"sequence\" : 1"))
        let shown = try daemon.parkctl(["event", "show", "1"]).stdout
        #expect(shown.contains("When:         2021-03-20 09:30 to 16:00 Asia/Shanghai"), "\(shown)")
        #expect(shown.contains("Organiser:    park with tenant 1 人力资源公司1"))
        #expect(shown.contains("Places:       5 of 5 registered, 0 waiting; at most 2 per firm"))

        try daemon.setClock("2021-03-19T09:00:00+08:00")
        let closed = try daemon.parkctl(["event", "register", "1", "--tenant", "3"])
        #expect(closed.status == 65)
        #expect(closed.stderr == "parkctl: registration for event 1 closed 2021-03-18T17:00\n")

        try daemon.setClock("2021-03-21T09:00:00+08:00")
        #expect(try daemon.parkctl(["event", "show", "1"]).stdout.contains("Status:       held"))
        let held = try daemon.parkctl(["event", "set", "1", "--title", "改名"])
        #expect(held.status == 65)
        #expect(held.stderr == "parkctl: event 1 was held (it ended 2021-03-20T16:00 Asia/Shanghai); a held event cannot change\n")
        #expect(try daemon.parkctl(["event", "cancel", "1", "--reason", "x"]).status == 65)
        #expect(try daemon.parkctl(["event", "cancel-registration", "1"]).status == 65)

        // Its outcome, then a correction that keeps the first version.
        #expect(try daemon.parkctl(["event", "outcome", "1", "--employers", "110", "--positions", "8000", "--job-seekers", "10000"]).stdout
            == "outcome of event 1 recorded: 110 employers, 8,000 positions, 10,000 job seekers\n")
        let noReason = try daemon.parkctl(["event", "outcome", "1", "--employers", "112"])
        #expect(noReason.stderr == "parkctl: invalid --reason (reason): the outcome is recorded; a correction needs a reason\n")
        #expect(try daemon.parkctl(["event", "outcome", "1", "--employers", "112", "--reason", "两家企业补登"]).stdout
            == "outcome of event 1 corrected (version 2): employers 110 → 112\n")
        let history = try daemon.parkctl(["event", "outcome", "1"]).stdout
        #expect(history.split(separator: "\n").count == 3)
        #expect(history.contains("  2        112      8,000       10,000          0      0           0  root  两家企业补登"), "\(history)")
        #expect(try daemon.parkctl(["event", "show", "1"]).stdout.contains("Outcome:      112 employers, 8,000 positions, 10,000 job seekers (version 2)"))

        _ = try daemon.parkctl(["event", "add", "--kind", "policy-briefing", "--title", "政策宣讲会", "--start", "2021-04-08T14:00",
                                "--end", "2021-04-08T16:00", "--capacity", "80"])
        let early = try daemon.parkctl(["event", "outcome", "2", "--attendees", "60"])
        #expect(early.stderr == "parkctl: invalid EVENT (event): event 2 is open: an outcome is recorded once it has been held (it ends 2021-04-08T16:00)\n")
        #expect(try daemon.parkctl(["event", "cancel", "2", "--reason", "疫情防控"]).stdout == "event 2 cancelled: 疫情防控\n")
        #expect(try daemon.parkctl(["event", "outcome", "2", "--attendees", "60"]).stderr == "parkctl: event 2 is cancelled\n")
        let again = try daemon.parkctl(["event", "set", "2", "--capacity", "90"])
        #expect(again.stderr == "parkctl: event 2 is cancelled\n")
        let list = try daemon.parkctl(["event", "list", "--from", "2021-04-01"]).stdout
        #expect(list.contains("cancelled") && !list.contains("春季"))
        let stats = try daemon.parkctl(["stats", "--year", "2021"]).stdout
        #expect(stats.contains("""
            EVENTS           HELD  CANCELLED  EMPLOYERS  POSITIONS  JOB SEEKERS  ATTENDEES  TALKS  EXHIBITORS
            job-fair            1          0        112      8,000       10,000          0      0           0
            policy-briefing     0          1          0          0            0          0      0           0
            """), "\(stats)")
        #expect(try daemon.parkctl(["stats", "--year", "2021", "--csv"]).stdout.contains("events.job-fair.employers,112\r\n"))
        #expect(try daemon.parkctl(["event", "show", "9"]).status == 66)
        #expect(try daemon.parkctl(["event", "cancel-registration", "9"]).status == 66)
        let badTime = try daemon.parkctl(["event", "add", "--kind", "forum", "--title", "论坛", "--start", "2021-12-10 09:00", "--end", "2021-12-10T08:00", "--capacity", "1"])
        #expect(badTime.stderr == "parkctl: invalid --end (end): 2021-12-10T08:00 is not after the start, 2021-12-10T09:00\n")
        let badZone = try daemon.parkctl(["event", "add", "--kind", "forum", "--title", "论坛", "--start", "2021-12-10T09:00", "--end", "2021-12-10T18:00", "--capacity", "1", "--time-zone", "Mars/Olympus"])
        #expect(badZone.status == 65)
        let badKind = try daemon.parkctl(["event", "add", "--kind", "party", "--title", "x", "--start", "2021-12-10T09:00", "--end", "2021-12-10T18:00", "--capacity", "1"])
        #expect(badKind.stderr.contains("'party' is not an event kind"))
    }

    @Test("a firm that leaves the park or is refused entry gives up its places from that day on; the waiting list moves up; what was held stays")
    func exitWithdrawsRegistrations() throws {
        let daemon = try park(tenants: 3)
        for (status, day) in [("reviewing", "2021-01-05"), ("approved", "2021-01-06"), ("active", "2021-01-07")] {
            #expect(try daemon.parkctl(["tenant", "transition", "1", status, "--on", day, "--reason", "入驻"]).status == 0)
        }
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "policy-briefing", "--title", "政策解读", "--start", "2021-03-10T09:00", "--end", "2021-03-10T11:00",
            "--capacity", "5",
        ]).stdout == "1\n")
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "job-fair", "--title", "春季大学城招聘会", "--start", "2021-03-20T09:00", "--end", "2021-03-20T16:00",
            "--capacity", "2", "--registration-closes", "2021-03-18T17:00",
        ]).stdout == "2\n")
        // 22:00 on the 11th in New York is 11:00 on the 12th in Shandong: after the firm left.
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "online-job-fair", "--title", "北美线上招聘会", "--start", "2021-03-11T22:00", "--end", "2021-03-11T23:00",
            "--time-zone", "America/New_York", "--capacity", "5", "--link", "https://example.org/fair",
        ]).stdout == "3\n")
        for (event, tenant, places) in [("1", "1", "1"), ("2", "1", "2"), ("2", "2", "1"), ("2", "3", "1"), ("3", "1", "1")] {
            #expect(try daemon.parkctl(["event", "register", event, "--tenant", tenant, "--places", places]).status == 0)
        }
        // The briefing is held; the firm leaves on the 12th (its last day the 11th) and is refused nothing it attended.
        try daemon.setClock("2021-03-12T09:00:00+08:00")
        #expect(try daemon.parkctl(["tenant", "transition", "1", "exiting", "--on", "2021-03-11", "--reason", "搬迁"]).status == 0)
        let exited = try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", "2021-03-12", "--reason", "搬迁"])
        #expect(exited.status == 0, "\(exited.stderr)")
        // An applicant refused entry gives up its place on the waiting list too.
        #expect(try daemon.parkctl(["tenant", "transition", "3", "rejected", "--on", "2021-03-12", "--reason", "评审未通过"]).status == 0)
        let registrations = try daemon.parkctl(["event", "registrations", "2"]).stdout
        #expect(registrations == """
            ID  TENANT           PLACES  POSITIONS  STATUS      ROLES  NOTE
             2  1 人力资源公司1       2          0  cancelled   -      tenant exited on 2021-03-12
             3  2 人力资源公司2       1          0  registered  -      promoted to a place after registration 2 was cancelled
             4  3 人力资源公司3       1          0  cancelled   -      tenant rejected on 2021-03-12

            """, "\(registrations)")
        #expect(try daemon.parkctl(["event", "registrations", "1"]).stdout.contains(" 1  1 人力资源公司1       1          0  registered"))
        let abroad = try daemon.parkctl(["event", "registrations", "3"]).stdout
        #expect(abroad.contains("cancelled") && abroad.contains("tenant exited on 2021-03-12"), "\(abroad)")
        #expect(try daemon.parkctl(["event", "show", "2"]).stdout.contains("Places:       1 of 2 registered, 0 waiting"))
        // The audit trail holds the withdrawals under the transitions that made them.
        #expect(try daemon.parkctl(["audit", "verify"]).status == 0)
    }

    @Test("event list puts occurrences in order of their instant whatever their zone, and names the zone of an event held in another")
    func eventsInOtherZones() throws {
        let daemon = try park(tenants: 1)
        // 03:00 in Berlin is 10:00 in Shandong: after the park's own 09:00 event.
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "forum", "--title", "欧洲人力资源论坛（线上）", "--start", "2021-03-20T03:00", "--end", "2021-03-20T05:00",
            "--time-zone", "Europe/Berlin", "--capacity", "50",
        ]).stdout == "1\n")
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "policy-briefing", "--title", "政策解读", "--start", "2021-03-20T09:00", "--end", "2021-03-20T11:00",
            "--capacity", "50",
        ]).stdout == "2\n")
        let listed = try daemon.parkctl(["event", "list"]).stdout
        #expect(listed == """
            ID  KIND             START                           END                  STATUS  PLACES  WAITING  TITLE
             2  policy-briefing  2021-03-20 09:00                11:00                open      0/50        0  政策解读
             1  forum            2021-03-20 03:00 Europe/Berlin  05:00 Europe/Berlin  open      0/50        0  欧洲人力资源论坛（线上）

            """, "\(listed)")
    }

    @Test("50 registrations at once for 10 booths: 10 registered, 40 waiting in the order they joined, promotions in order, nothing oversold")
    func concurrentRegistrations() throws {
        let daemon = try park(tenants: 50)
        _ = try daemon.parkctl(["event", "add", "--kind", "job-fair", "--title", "双选会", "--start", "2021-04-10T09:00", "--end", "2021-04-10T16:00", "--capacity", "10"])
        let results = Mutex<[Int: CommandResult]>([:])
        DispatchQueue.concurrentPerform(iterations: 50) { index in
            let result = try? daemon.parkctl(["--json", "event", "register", "1", "--tenant", String(index + 1)])
            results.withLock { $0[index] = result }
        }
        #expect(results.withLock { $0.values.filter { $0.status == 0 }.count } == 50)

        func registrations() throws -> [RegistrationRow] {
            let output = try daemon.parkctl(["--json", "event", "registrations", "1"])
            return try JSONDecoder().decode(RegistrationRows.self, from: Data(output.stdout.utf8)).registrations
        }
        let all = try registrations()
        #expect(all.map(\.id) == Array(1...50))
        #expect(all.prefix(10).allSatisfy { $0.status == "registered" })
        #expect(all.dropFirst(10).map(\.status) == Array(repeating: "waiting", count: 40))
        #expect(all.dropFirst(10).map(\.waitingPosition) == Array(1...40), "waiting in the order they joined")

        // Cancellations, some at once: each freed booth goes to the first waiting, in order.
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            _ = try? daemon.parkctl(["event", "cancel-registration", String(index + 1)])
        }
        _ = try daemon.parkctl(["event", "cancel-registration", "5"])
        let after = try registrations()
        #expect(after.filter { $0.status == "registered" }.map(\.id) == [4] + Array(6...14))
        #expect(after.filter { $0.status == "waiting" }.map(\.waitingPosition) == Array(1...36))
        #expect(after.filter { $0.status == "registered" }.reduce(0) { $0 + $1.places } == 10, "never oversold")
        #expect(try daemon.parkctl(["event", "show", "1"]).stdout.contains("Places:       10 of 10 registered, 36 waiting"))
    }

    @Test("a daily series on working days with an exception and a moved, retitled occurrence; registrations and outcomes per occurrence")
    func series() throws {
        let daemon = try park(tenants: 2)
        let added = try daemon.parkctl([
            "event", "add", "--kind", "online-job-fair", "--title", "线上双选会", "--start", "2021-04-29T09:00", "--end", "2021-04-29T17:00",
            "--link", "https://jobs.example.cn", "--capacity", "2", "--repeat", "daily", "--until", "2021-05-10", "--working-days-only",
            "--except", "2021-05-07",
        ])
        #expect(added.stdout == "1\n", "\(added.stderr)")
        let moved = try daemon.parkctl(["event", "set", "1", "--occurrence", "2021-05-06", "--occurrence-start", "2021-05-06T13:00",
                                        "--occurrence-end", "2021-05-06T18:00", "--occurrence-title", "线上双选会（医药专场）"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(try daemon.parkctl(["event", "list"]).stdout == """
            ID  KIND             START             END    STATUS  PLACES  WAITING  TITLE
             1  online-job-fair  2021-04-29 09:00  17:00  open       0/2        0  线上双选会
             1  online-job-fair  2021-04-30 09:00  17:00  open       0/2        0  线上双选会
             1  online-job-fair  2021-05-06 13:00  18:00  open       0/2        0  线上双选会（医药专场）
             1  online-job-fair  2021-05-08 09:00  17:00  open       0/2        0  线上双选会
             1  online-job-fair  2021-05-10 09:00  17:00  open       0/2        0  线上双选会

            """)
        #expect(try daemon.parkctl(["event", "show", "1"]).stdout.contains(
            "Repeats:      daily until 2021-05-10, working days only; except 2021-05-07 (5 occurrences)"))
        let series = try daemon.parkctl(["event", "register", "1", "--tenant", "1"])
        #expect(series.stderr == "parkctl: invalid --occurrence (occurrence): event 1 is a series of 5 occurrences; name the day of one\n")
        let offDay = try daemon.parkctl(["event", "register", "1", "--tenant", "1", "--occurrence", "2021-05-07"])
        #expect(offDay.stderr == "parkctl: invalid --occurrence (occurrence): event 1 has no occurrence on 2021-05-07\n")
        #expect(try daemon.parkctl(["event", "register", "1", "--tenant", "1", "--occurrence", "2021-05-06", "--places", "2"]).stdout
            == "registration 1: registered for 2 places\n")
        #expect(try daemon.parkctl(["event", "register", "1", "--tenant", "2", "--occurrence", "2021-05-08", "--places", "2"]).stdout
            == "registration 2: registered for 2 places\n", "another occurrence has its own places")
        let notADay = try daemon.parkctl(["event", "set", "1", "--except", "2021-05-11"])
        #expect(notADay.stderr == "parkctl: invalid --except (exceptions): 2021-05-11 is not a day of the series; an exception names a day it gives\n")
        let withRegistrations = try daemon.parkctl(["event", "set", "1", "--except", "2021-05-08"])
        #expect(withRegistrations.status == 65)
        #expect(try daemon.parkctl(["--json", "event", "set", "1", "--except", "2021-04-30"]).stdout.contains("\"sequence\" : 2"))

        try daemon.setClock("2021-05-07T09:00:00+08:00")
        let list = try daemon.parkctl(["event", "list", "--from", "2021-05-06"]).stdout
        #expect(list.contains("2021-05-06 13:00  18:00  held") && list.contains("2021-05-08 09:00  17:00  open") && !list.contains("04-29"))
        let heldDay = try daemon.parkctl(["event", "set", "1", "--occurrence", "2021-05-06", "--occurrence-title", "改名"])
        #expect(heldDay.stderr == "parkctl: event 1 was held (it ended 2021-05-06T18:00 Asia/Shanghai); a held event cannot change\n")
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-05-06", "--employers", "41", "--job-seekers", "230"]).status == 0)
        let early = try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-05-08", "--employers", "1"])
        #expect(early.status == 65)
        #expect(try daemon.parkctl(["event", "show", "1"]).stdout.contains("41 employers, 230 job seekers"))
        // The versions of one occurrence alone, each row naming its occurrence.
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-04-29", "--employers", "30"]).status == 0)
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-05-06", "--employers", "42", "--reason", "补登"]).status == 0)
        let oneDay = try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-05-06"]).stdout.split(separator: "\n")
        #expect(oneDay.count == 3 && oneDay.dropFirst().allSatisfy { $0.hasPrefix("2021-05-06") }, "\(oneDay)")
        #expect(try daemon.parkctl(["event", "outcome", "1"]).stdout.split(separator: "\n").count == 4)
    }

    /// Weekly briefings on the Wednesdays of March 2021, 14:00-16:00: on the 19th, the 10th and
    /// the 17th were held, the 10th with its outcome (40 attendees).
    func briefingsUnderWay() throws -> RunningDaemon {
        let daemon = try park(tenants: 1)
        #expect(try daemon.parkctl([
            "event", "add", "--kind", "policy-briefing", "--title", "政策解读", "--start", "2021-03-10T14:00", "--end", "2021-03-10T16:00",
            "--venue", "报告厅", "--capacity", "50", "--repeat", "weekly", "--weekday", "wednesday", "--until", "2021-03-31",
        ]).stdout == "1\n")
        try daemon.setClock("2021-03-19T09:00:00+08:00")
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-03-10", "--attendees", "40"]).status == 0)
        return daemon
    }

    @Test("a series changed on its way keeps the occurrences held as they were, times and title; a start moved past them is refused")
    func seriesChangedOnItsWay() throws {
        let daemon = try briefingsUnderWay()
        let moved = try daemon.parkctl(["event", "set", "1", "--start", "2021-03-10T09:00", "--end", "2021-03-10T11:00", "--title", "政策解读（上午场）"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(try daemon.parkctl(["event", "list"]).stdout == """
            ID  KIND             START             END    STATUS  PLACES  WAITING  TITLE
             1  policy-briefing  2021-03-10 14:00  16:00  held      0/50        0  政策解读
             1  policy-briefing  2021-03-17 14:00  16:00  held      0/50        0  政策解读
             1  policy-briefing  2021-03-24 09:00  11:00  open      0/50        0  政策解读（上午场）
             1  policy-briefing  2021-03-31 09:00  11:00  open      0/50        0  政策解读（上午场）

            """)
        let pastHeld = try daemon.parkctl(["event", "set", "1", "--start", "2021-03-24T09:00", "--end", "2021-03-24T11:00"])
        #expect(pastHeld.status == 65 && pastHeld.stderr == "parkctl: invalid --start (start): the occurrence of 2021-03-10 was held (it ended 2021-03-10T16:00 Asia/Shanghai) and would leave the series: a held occurrence stays as it was\n", "\(pastHeld.stderr)")
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-03-10"]).stdout.contains("40"))
    }

    @Test("a series cancelled on its way keeps the occurrences held and their outcomes, in lists and statistics; those to come are cancelled")
    func seriesCancelledOnItsWay() throws {
        let daemon = try briefingsUnderWay()
        let cancelled = try daemon.parkctl(["event", "cancel", "1", "--reason", "系列取消"])
        #expect(cancelled.stdout == "event 1: 2 occurrences still to come cancelled, 2 held stay held: 系列取消\n", "\(cancelled.stderr)")
        #expect(try daemon.parkctl(["event", "list"]).stdout == """
            ID  KIND             START             END    STATUS     PLACES  WAITING  TITLE
             1  policy-briefing  2021-03-10 14:00  16:00  held         0/50        0  政策解读
             1  policy-briefing  2021-03-17 14:00  16:00  held         0/50        0  政策解读
             1  policy-briefing  2021-03-24 14:00  16:00  cancelled    0/50        0  政策解读
             1  policy-briefing  2021-03-31 14:00  16:00  cancelled    0/50        0  政策解读

            """)
        // A held occurrence's outcome is still recorded and corrected; the series no longer changes.
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-03-17", "--attendees", "35"]).status == 0)
        #expect(try daemon.parkctl(["event", "outcome", "1", "--occurrence", "2021-03-24", "--attendees", "1"]).stderr == "parkctl: event 1 is cancelled\n")
        #expect(try daemon.parkctl(["event", "set", "1", "--capacity", "60"]).status == 65)
        #expect(try daemon.parkctl(["event", "cancel", "1", "--reason", "again"]).status == 65)
        let stats = try daemon.parkctl(["stats", "--year", "2021"]).stdout
        #expect(stats.contains("policy-briefing     1          0          0          0            0         75      0           0"), "\(stats)")
        let ics = try daemon.parkctl(["event", "export"]).stdout
        #expect(ics.components(separatedBy: "STATUS:CANCELLED").count == 3 && ics.components(separatedBy: "STATUS:CONFIRMED").count == 2, "\(ics)")
    }
}

@Suite("parkctl event export against a real parkd")
struct EventExportTests {
    @Test("the exported calendar parses in python's icalendar with no errors and expands to exactly the occurrences event list shows; the feed file follows every change")
    func icalendar() throws {
        let daemon = try RunningDaemon(config: Binaries.shippedCalendar, clock: "2021-03-05T09:00:00+08:00")
        let feed = daemon.directory + "/feed"
        try ("events:\n  feed_directory: \(feed)\n" + Binaries.shippedCalendar + "policies:\n  directory: \(daemon.directory)/policies\n")
            .write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        let restarted = try daemon.restarted()
        let long = String(repeating: "人力资源服务产业园线上双选会，", count: 12)
        func add(_ arguments: [String]) throws {
            let added = try restarted.parkctl(["event", "add"] + arguments)
            #expect(added.status == 0, "\(added.stderr)")
        }
        try add(["--kind", "online-job-fair", "--title", "线上“双选会”：青岛人力资源服务产业园2021年春季每日线上招聘", "--description", long,
                 "--start", "2021-04-26T09:00", "--end", "2021-04-26T17:00", "--link", "https://jobs.example.cn/2021?a=1,b=2;c",
                 "--capacity", "200", "--repeat", "daily", "--until", "2021-05-12", "--working-days-only", "--except", "2021-05-07"])
        _ = try restarted.parkctl(["event", "set", "1", "--occurrence", "2021-05-06", "--occurrence-start", "2021-05-06T13:00",
                                   "--occurrence-end", "2021-05-06T18:00", "--occurrence-title", "医药专场"])
        try add(["--kind", "policy-briefing", "--title", "政策宣讲会", "--start", "2021-04-08T14:00", "--end", "2021-04-08T16:00", "--capacity", "80"])
        _ = try restarted.parkctl(["event", "cancel", "2", "--reason", "疫情防控"])
        try add(["--kind", "forum", "--title", "Europe–China HR forum", "--time-zone", "Europe/Berlin", "--start", "2021-03-29T09:00",
                 "--end", "2021-03-29T17:00", "--capacity", "50"])
        try add(["--kind", "training", "--title", "每周培训", "--start", "2021-04-01T14:00", "--end", "2021-04-01T16:00", "--capacity", "30",
                 "--repeat", "weekly", "--every", "2", "--weekday", "thursday", "--weekday", "monday", "--until", "2021-05-31"])
        // Overnight across the night Berlin's clocks go forward: the first is 5 hours, the rest 6.
        try add(["--kind", "forum", "--title", "Nachtschicht", "--time-zone", "Europe/Berlin", "--start", "2021-03-27T22:00",
                 "--end", "2021-03-28T04:00", "--capacity", "10", "--repeat", "daily", "--until", "2021-03-30"])

        let export = try restarted.parkctl(["event", "export", "--ics"])
        #expect(export.status == 0, "\(export.stderr)")
        let ics = export.stdout
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.contains("UID:event-1@parkd\r\n") && ics.contains("RECURRENCE-ID;TZID=Asia/Shanghai:20210506T090000\r\n"))
        #expect(ics.contains("EXDATE;TZID=Asia/Shanghai:20210501T090000\r\n") && ics.contains("EXDATE;TZID=Asia/Shanghai:20210507T090000\r\n"))
        #expect(ics.contains("RRULE:FREQ=DAILY;UNTIL=20210512T010000Z\r\n"))
        #expect(ics.contains("STATUS:CANCELLED\r\nEND:VEVENT") && ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"))
        #expect(ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO;UNTIL=20210531T060000Z\r\n"))
        // RFC 5545 gives every occurrence of an RRULE the first's exact length: those of another
        // length are written out, each with its own end.
        for day in ["20210328", "20210329", "20210330"] {
            #expect(ics.contains("RECURRENCE-ID;TZID=Europe/Berlin:\(day)T220000\r\n"), "\(day)")
        }
        #expect(!ics.contains("RECURRENCE-ID;TZID=Europe/Berlin:20210327T220000\r\n"))
        let file = restarted.directory + "/export.ics"
        try ics.write(toFile: file, atomically: true, encoding: .utf8)

        let checked = try runCommand("/usr/bin/env", ["python3", Binaries.script("check_ics.py"), file, "2021-01-01", "2021-12-31"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        struct Listed: Decodable {
            struct Event: Decodable {
                struct Occurrence: Decodable { let start: String; let title: String }
                let occurrences: [Occurrence]
                let status: String
            }
            let events: [Event]
        }
        let listed = try JSONDecoder().decode(Listed.self, from: Data(try restarted.parkctl(["--json", "event", "list"]).stdout.utf8))
        let shown = listed.events.flatMap { event in
            event.occurrences.map { "\($0.start)|\($0.title)|\(event.status == "cancelled" ? "CANCELLED" : "CONFIRMED")" }
        }.sorted()
        #expect(checked.stdout.split(separator: "\n").map(String.init) == shown)
        #expect(shown.count == 10 + 1 + 1 + 9 + 4, "\(shown)")

        // The feed file is the export, rewritten after the last change, in a directory parkd
        // made for the website's user to enter (0755), the file readable by it (0644).
        #expect(try String(contentsOfFile: feed + "/events.ics", encoding: .utf8) == ics)
        var info = stat()
        #expect(stat(feed, &info) == 0 && info.st_mode & 0o777 == 0o755 && stat(feed + "/events.ics", &info) == 0 && info.st_mode & 0o777 == 0o644)
        // What a parkd killed between writing the feed and renaming it left is removed by the next write.
        let left = feed + "/.events.ics.7.tmp"
        try Data("BEGIN:VCALENDAR".utf8).write(to: URL(fileURLWithPath: left))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: left)
        _ = try restarted.parkctl(["event", "set", "3", "--title", "Europe–China HR forum 2021"])
        let rewritten = try String(contentsOfFile: feed + "/events.ics", encoding: .utf8)
        #expect(rewritten.contains("SUMMARY:Europe–China HR forum 2021\r\n") && rewritten.contains("SEQUENCE:1\r\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: feed) == ["events.ics"])
        #expect(stat(feed + "/events.ics", &info) == 0 && info.st_mode & 0o777 == 0o644)
        let window = try restarted.parkctl(["event", "export", "--ics", "--from", "2021-03-01", "--to", "2021-03-31"]).stdout
        #expect(window.contains("UID:event-3@parkd") && !window.contains("UID:event-2@parkd"))
    }

    @Test("events in the first and last years parkd records are exported and written to the feed; parkd stays up")
    func yearsAtTheEnds() throws {
        let daemon = try RunningDaemon(config: Binaries.shippedCalendar, clock: "2021-03-05T09:00:00+08:00")
        let feed = daemon.directory + "/feed"
        try ("events:\n  feed_directory: \(feed)\n" + Binaries.shippedCalendar).write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        let restarted = try daemon.restarted()
        // 1900 in Asia/Shanghai starts in 1899 in UTC; year 9999's rules end with the calendar.
        for (title, zone, start, end) in [("first", "Asia/Shanghai", "1900-01-01T00:00", "1900-01-01T01:00"),
                                          ("last", "UTC", "9999-12-31T22:00", "9999-12-31T23:00")] {
            let added = try restarted.parkctl(["event", "add", "--kind", "forum", "--title", title, "--time-zone", zone,
                                               "--start", start, "--end", end, "--capacity", "5"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let export = try restarted.parkctl(["event", "export", "--ics"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("UID:event-1@parkd") && export.stdout.contains("UID:event-2@parkd"))
        #expect(export.stdout.contains("DTSTART;TZID=UTC:99991231T220000\r\n"), "\(export.stdout)")
        #expect(try String(contentsOfFile: feed + "/events.ics", encoding: .utf8) == export.stdout)
        #expect(try restarted.parkctl(["status"]).status == 0)
    }
}

/// The fields of `event registrations --json` the capacity test reads.
private struct RegistrationRow: Decodable {
    let id: Int64
    let status: String
    let waitingPosition: Int?
    let places: Int
}

private struct RegistrationRows: Decodable { let registrations: [RegistrationRow] }
