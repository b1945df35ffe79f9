import Foundation
import Testing

@Suite("parkctl demo load")
struct DemoTests {
    @Test("the demo park's figures are the model park's published ones, and it loads only into an empty park")
    func publishedFigures() throws {
        let daemon = try RunningDaemon()
        let demo = SystemdTests.repository.appendingPathComponent("Config/demo").path
        let loaded = try daemon.parkctl(["demo", "load", "--from", demo])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("81 tenants, 61 events"))
        // The reports were staged, so the audit entry names their file by its hash, and what was loaded.
        let sha256 = try runCommand("/usr/bin/sha256sum", [demo + "/reports.csv"]).stdout.prefix(64)
        let bytes = try FileManager.default.attributesOfItem(atPath: demo + "/reports.csv")[.size] as? Int ?? -1
        let entry = try daemon.parkctl(["audit", "list", "--method", "Demo.Load"]).stdout
        #expect(entry.contains("ok: reports file sha256 \(sha256.prefix(12))… (\(bytes) bytes): "), "\(entry)")
        let whole = try daemon.parkctl(["--json", "audit", "list", "--method", "Demo.Load"]).stdout
        #expect(whole.contains("ok: reports file sha256 \(sha256) (\(bytes) bytes): "), "\(whole)")
        #expect(entry.contains("81 tenants, ") && entry.contains(" reports, 61 events"), "\(entry)")

        let year = try daemon.parkctl(["stats", "--year", "2021", "--csv"]).stdout.components(separatedBy: "\r\n")
        for line in ["revenue,5773000000.00", "tax,214000000.00", "newTenants,13", "tenants.active,81",
                     "incubatorProjects,55", "incubatorOccupancyPercent,100.00"] {
            #expect(year.contains(line), "\(line)")
        }
        // The model park's 61 events of 2021, the four it published figures for with those figures.
        for line in ["events.job-fair.held,3", "events.job-fair.employers,112", "events.job-fair.positions,8000",
                     "events.job-fair.jobSeekers,10000", "events.online-job-fair.held,1", "events.online-job-fair.employers,173",
                     "events.online-job-fair.positions,5300", "events.online-job-fair.jobSeekers,1209", "events.matching-meeting.held,12",
                     "events.matching-meeting.employers,35", "events.matching-meeting.exhibitors,12", "events.forum.held,3",
                     "events.forum.talks,10", "events.forum.exhibitors,138", "events.forum.attendees,260", "events.policy-briefing.held,20",
                     "events.training.held,14", "events.online-quiz.held,8"] {
            #expect(year.contains(line), "\(line)")
        }
        let held = year.filter { $0.hasPrefix("events.") && $0.contains(".held,") }
            .compactMap { Int($0.split(separator: ",")[1]) }.reduce(0, +)
        #expect(held == 61)
        #expect(!year.contains { $0.contains(".cancelled,1") })
        let sinceOpening = try daemon.parkctl(["stats", "--since-opening", "--to", "2021-12-31", "--csv"]).stdout.components(separatedBy: "\r\n")
        for line in ["revenue,16314000000.00", "tax,701000000.00", "employersServed,9720", "workersDispatched,24352",
                     "workersOutsourced,181086", "jobSeekersServed,89061"] {
            #expect(sinceOpening.contains(line), "\(line)")
        }
        let again = try daemon.parkctl(["demo", "load", "--from", demo])
        #expect(again.status == 65)
        #expect(again.stderr.contains("the demo loads only into an empty park"))
    }

    @Test("a demo with a day before 1900 is refused, naming the file, the line and the day, and the park stays empty")
    func yearBefore1900() throws {
        let daemon = try RunningDaemon()
        let demo = daemon.directory + "/demo"
        try FileManager.default.copyItem(atPath: SystemdTests.repository.appendingPathComponent("Config/demo").path, toPath: demo)
        var lines = try String(contentsOfFile: demo + "/tenants.csv", encoding: .utf8).components(separatedBy: "\n")
        let movedIn = try #require(lines[1].split(separator: ",").last.map(String.init))
        lines[1] = String(lines[1].dropLast(movedIn.count)) + "0" + movedIn.dropFirst()
        try lines.joined(separator: "\n").write(toFile: demo + "/tenants.csv", atomically: true, encoding: .utf8)
        let refused = try daemon.parkctl(["demo", "load", "--from", demo])
        #expect(refused.status == 65 && refused.stderr.contains("'0\(movedIn.dropFirst())' is before 1900"), "\(refused.stderr)")
        #expect(refused.stderr.contains("tenants.csv") && refused.stderr.contains("line 2"), "\(refused.stderr)")
        #expect(try daemon.parkctl(["tenant", "list"]).stdout.hasPrefix("no tenants\n"))
    }

    @Test("a demo refused at its last row leaves the park empty; the whole demo then loads")
    func allOrNothing() throws {
        let daemon = try RunningDaemon()
        let demo = SystemdTests.repository.appendingPathComponent("Config/demo").path
        let damaged = daemon.directory + "/demo"
        try FileManager.default.createDirectory(atPath: damaged, withIntermediateDirectories: true)
        for name in ["units.csv", "tenants.csv", "leases.csv", "incubator.csv", "reports.csv"] {
            try FileManager.default.copyItem(atPath: demo + "/" + name, toPath: damaged + "/" + name)
        }
        // The last report names a month the tenant was not in the park: found after every
        // unit, tenant, lease and project was written in the transaction.
        var reports = try String(contentsOfFile: damaged + "/reports.csv", encoding: .utf8)
        reports += "91370201MA3007919M,2017-01,1.00,0.00,0,0,0,0,0,0,0,0,0\n"
        try reports.write(toFile: damaged + "/reports.csv", atomically: true, encoding: .utf8)
        let refused = try daemon.parkctl(["demo", "load", "--from", damaged])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("tenant 1 was not in the park in 2017-01"), "\(refused.stderr)")
        let status = try daemon.parkctl(["status"]).stdout
        #expect(status.contains("Tenants:         0"), "\(status)")
        #expect(try daemon.parkctl(["unit", "list"]).stdout.split(separator: "\n").count <= 1)

        let loaded = try daemon.parkctl(["--json", "demo", "load", "--from", demo])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("\"tenants\" : 81") && loaded.stdout.contains("\"projects\" : 55"), "\(loaded.stdout)")
    }

    @Test("a demo saved by a spreadsheet (BOM, CRLF) loads the same; the events feed is written after the load and at start")
    func spreadsheetFilesAndFeed() throws {
        let daemon = try RunningDaemon()
        let feed = daemon.directory + "/feed"
        try ("events:\n  feed_directory: \(feed)\n").write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
        let park = try daemon.restarted()
        let demo = SystemdTests.repository.appendingPathComponent("Config/demo").path
        let saved = park.directory + "/demo-crlf"
        try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: demo) where file.hasSuffix(".csv") {
            let text = try String(contentsOfFile: demo + "/" + file, encoding: .utf8)
            try ("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).write(toFile: saved + "/" + file, atomically: true, encoding: .utf8)
        }
        // A file saved in another encoding (GBK's bytes are no UTF-8) is said to be one.
        let gbk = park.directory + "/demo-gbk"
        try FileManager.default.copyItem(atPath: saved, toPath: gbk)
        try (Data([0xBC, 0xC3, 0xC4, 0xCF]) + (try Data(contentsOf: URL(fileURLWithPath: gbk + "/tenants.csv")))).write(to: URL(fileURLWithPath: gbk + "/tenants.csv"))
        let refused = try park.parkctl(["demo", "load", "--from", gbk])
        #expect(refused.status == 65 && refused.stderr == "parkctl: cannot read \(gbk)/tenants.csv: it is not UTF-8 text\n", "\(refused.stderr)")
        let loaded = try park.parkctl(["demo", "load", "--from", saved])
        #expect(loaded.status == 0 && loaded.stdout.contains("81 tenants, 61 events"), "\(loaded.stdout)\(loaded.stderr)")
        #expect(try park.parkctl(["incubator", "list", "--on", "2021-12-31"]).stdout
            .hasSuffix("occupancy on 2021-12-31: 55 of 55 seats (100.00%), 55 projects, 20 PhD-level talents\n"))
        let export = try park.parkctl(["event", "export", "--ics"]).stdout
        #expect(export.contains("BEGIN:VEVENT"))
        #expect((try? String(contentsOfFile: feed + "/events.ics", encoding: .utf8)) == export, "the feed is written after the demo's load")
        try FileManager.default.removeItem(atPath: feed + "/events.ics")
        let restarted = try park.restarted()
        #expect((try? String(contentsOfFile: feed + "/events.ics", encoding: .utf8)) == export, "and at start")
        _ = restarted
    }
}
