import Foundation
import Testing

@Suite("Records that would contradict each other are refused or carried out consistently")
struct ConsistencyTests {
    /// Tenant 1 active from 2021-01-01 on a three-year office lease, with a June 2021 report;
    /// two incubator seats, the first occupied by project 1 from 2021-03-01.
    func park() throws -> RunningDaemon {
        let daemon = try RunningDaemon()
        for arguments in [
            ["tenant", "add", "--name", "青岛英才人力资源有限公司", "--credit-code", "91370200163562681G", "--business-line", "recruitment", "--on", "2020-12-01"],
            ["tenant", "transition", "1", "reviewing", "--on", "2020-12-05", "--reason", "application complete"],
            ["tenant", "transition", "1", "approved", "--on", "2020-12-10", "--reason", "entry review meeting"],
            ["unit", "add", "--building", "A", "--number", "1201", "--area", "100", "--kind", "office", "--rent", "45"],
            ["lease", "add", "--tenant", "1", "--unit", "1", "--start", "2021-01-01", "--end", "2023-12-31", "--rent", "45"],
            ["report", "add", "--tenant", "1", "--month", "2021-06", "--revenue", "3000000", "--tax", "90000"],
            ["unit", "add", "--building", "F", "--number", "0101", "--area", "6", "--kind", "incubator", "--rent", "0"],
            ["unit", "add", "--building", "F", "--number", "0102", "--area", "6", "--kind", "incubator", "--rent", "0"],
            ["incubator", "add", "--name", "智聘云", "--founder", "李明", "--seat", "2", "--on", "2021-03-01"],
        ] {
            let result = try daemon.parkctl(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return daemon
    }

    @Test("an exit ends the leases still running on the day before, recorded; time in the park stops counting")
    func exitEndsLeases() throws {
        let daemon = try park()
        #expect(try daemon.parkctl(["tenant", "transition", "1", "exiting", "--on", "2021-11-01", "--reason", "moving out"]).status == 0)
        let exited = try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", "2022-01-01", "--reason", "moved out"])
        #expect(exited.status == 0, "\(exited.stderr)")
        let lease = try daemon.parkctl(["lease", "show", "1"]).stdout
        #expect(lease.contains("To:          2021-12-31 (terminated; contracted 2023-12-31)"), "\(lease)")
        #expect(lease.contains("terminated  tenant exited on 2022-01-01; contracted end was 2023-12-31"), "\(lease)")
        #expect(try daemon.parkctl(["lease", "rent", "1", "--month", "2022-02"]).stdout.hasPrefix("2022-02: 0.00 yuan"))
        let shown = try daemon.parkctl(["tenant", "show", "1"]).stdout
        #expect(shown.contains("Moved in:           2021-01-01 (exited on 2022-01-01 after 12 months in the park, in lease year 1)"), "\(shown)")
        // A firm that has left keeps no unit: its lease is not renewed past its stay.
        let renewed = try daemon.parkctl(["lease", "renew", "1", "--end", "2024-12-31"])
        #expect(renewed.status == 65 && renewed.stderr.contains("tenant 1 exited on 2022-01-01; a lease renewed for it ends by its last day in the park, 2021-12-31"), "\(renewed.stderr)")
    }

    @Test("an exit contradicted by a later report, or by a lease that starts after it, is refused and changes nothing", arguments: [
        ("2021-05-01", "invalid --on (on): the firm reported 2021-06, after its last day in the park (2021-04-30); change the exit day, or withdraw a report filed in error (report withdraw), first"),
    ])
    func exitContradicted(day: String, message: String) throws {
        let daemon = try park()
        #expect(try daemon.parkctl(["tenant", "transition", "1", "exiting", "--on", "2021-04-01", "--reason", "moving out"]).status == 0)
        let refused = try daemon.parkctl(["tenant", "transition", "1", "exited", "--on", day, "--reason", "moved out"])
        #expect(refused.status == 65)
        #expect(refused.stderr == "parkctl: \(message)\n")
        #expect(try daemon.parkctl(["tenant", "show", "1"]).stdout.contains("Status:             exiting since 2021-04-01"))
        #expect(try daemon.parkctl(["lease", "show", "1"]).stdout.contains("To:          2023-12-31\n"))
    }

    @Test("an occupied incubator seat is not leased, and no held unit changes its kind")
    func seats() throws {
        let daemon = try park()
        let leased = try daemon.parkctl(["lease", "add", "--tenant", "1", "--unit", "2", "--start", "2021-06-01", "--end", "2021-12-31", "--rent", "10"])
        #expect(leased.status == 65)
        #expect(leased.stderr == "parkctl: invalid --unit (units): incubator seat F-0101 is occupied by project 1 (智聘云) from 2021-03-01\n")
        let office = try daemon.parkctl(["unit", "set", "2", "--kind", "office"])
        #expect(office.status == 65)
        #expect(office.stderr.contains("unit F-0101 is held by project 1 (智聘云) from 2021-03-01"), "\(office.stderr)")
        let leasedOffice = try daemon.parkctl(["unit", "set", "1", "--kind", "incubator"])
        #expect(leasedOffice.status == 65)
        #expect(leasedOffice.stderr.contains("unit A-1201 is held by lease 1 of tenant 1 from 2021-01-01 to 2023-12-31"), "\(leasedOffice.stderr)")
        // Nor its area: the lease keeps the area signed, and occupancy could pass 100%.
        let smaller = try daemon.parkctl(["unit", "set", "1", "--area", "10"])
        #expect(smaller.status == 65 && smaller.stderr.contains("invalid --area (area): unit A-1201 is held by lease 1"), "\(smaller.stderr)")
        // A label is one unit's: building A-1 number 201 and building A number 1-201 are both A-1-201.
        #expect(try daemon.parkctl(["unit", "add", "--building", "A-1", "--number", "201", "--area", "10", "--kind", "office", "--rent", "1"]).status == 0)
        let twin = try daemon.parkctl(["unit", "add", "--building", "A", "--number", "1-201", "--area", "10", "--kind", "office", "--rent", "1"])
        #expect(twin.status == 65 && twin.stderr.hasPrefix("parkctl: unit A-1-201 already exists (id "), "\(twin.stderr)")
        // The free seat may change, and the occupied seat's clash names the seat.
        #expect(try daemon.parkctl(["unit", "set", "3", "--kind", "shared"]).status == 0)
        #expect(try daemon.parkctl(["unit", "set", "3", "--kind", "incubator"]).status == 0)
        let clash = try daemon.parkctl(["incubator", "add", "--name", "灵工宝", "--founder", "王芳", "--seat", "2", "--on", "2021-04-01"])
        #expect(clash.stderr == "parkctl: invalid --seat (seats): seat F-0101 is occupied by project 1 (智聘云) from 2021-03-01\n")
    }

    @Test("a month that has not ended is not reported, by hand or by file")
    func unfinishedMonth() throws {
        let daemon = try park()
        let now = Date()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM"
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let month = formatter.string(from: now)
        let refused = try daemon.parkctl(["report", "add", "--tenant", "1", "--month", month, "--revenue", "1", "--tax", "0"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("invalid --month (month): \(month) has not ended (today is "), "\(refused.stderr)")
        #expect(refused.stderr.contains("a month is reported once it is over"))
    }
}
