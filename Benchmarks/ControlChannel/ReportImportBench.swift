import Foundation
import ParkControl
import ParkCore
import ParkStore

/// Importing operating reports: `tenants` active firms, `months` reports each, one CSV file,
/// sent in parts and recorded in one transaction.
enum ReportImportBench {
    /// Bodies of these tenants' credit codes: a prefix of their own, apart from the channel scenarios'.
    static let codePrefix = "9137020001"

    struct Figures {
        let rows: Int
        let setUp: Duration
        let upload: Duration
        let finish: Duration
    }

    static func run(socketPath: String, tenants: Int, months: Int) async throws -> Figures {
        let clock = ContinuousClock()
        let started = clock.now
        let codes = try await createActiveTenants(socketPath: socketPath, count: tenants)
        let setUp = clock.now - started
        let (rows, upload, finish) = try await importReports(socketPath: socketPath, codes: codes, months: 0..<months)
        return Figures(rows: rows, setUp: setUp, upload: upload, finish: finish)
    }

    /// Reports of `months` (counted from 2015-02) for every tenant, as one file; the rows recorded
    /// and how long the upload and the recording took.
    static func importReports(socketPath: String, codes: [String], months: Range<Int>) async throws -> (Int, Duration, Duration) {
        let clock = ContinuousClock()
        let tenants = codes.count

        var csv = "tenant,month,revenue,tax,employersServed,workersDispatched,workersOutsourced,jobSeekersServed,placements,trainingSessions,trainingAttendees,phdHires,headcount\n"
        csv.reserveCapacity(tenants * months.count * 80)
        for (index, code) in codes.enumerated() {
            for offset in months {
                let year = 2015 + (1 + offset) / 12, month = (1 + offset) % 12 + 1
                let revenue = 100_000 + (index * 7919 + offset * 104_729) % 5_000_000
                csv += "\(code),\(year)-\(month < 10 ? "0" : "")\(month),\(revenue).50,\(revenue / 25),\(index % 40),\(offset * 3),\(index % 90),\(offset * 7),\(index % 13),\(offset % 4),\(offset % 4 * 20),\(index % 2),\(20 + index % 200)\n"
            }
        }

        return try await VarlinkConnection.using(socketPath: socketPath) { connection in
            let uploadStart = clock.now
            let handle = try await connection.call(ReportAPI.beginImport, NoParameters())
            var part = ""
            for line in csv.split(separator: "\n") {
                part += line
                part += "\n"
                if part.utf8.count > 256 << 10 {
                    _ = try await connection.call(ReportAPI.addToImport, ReportAPI.AddToImport(import: handle.import, text: part))
                    part = ""
                }
            }
            if !part.isEmpty {
                _ = try await connection.call(ReportAPI.addToImport, ReportAPI.AddToImport(import: handle.import, text: part))
            }
            let finishStart = clock.now
            let summary = try await connection.call(ReportAPI.finishImport, ReportAPI.FinishImport(import: handle.import, reason: nil))
            let done = clock.now
            guard summary.imported == tenants * months.count else {
                throw BenchError("imported \(summary.imported) reports, expected \(tenants * months.count)")
            }
            return (summary.imported, finishStart - uploadStart, done - finishStart)
        }
    }

    /// Tenants that moved in on 2015-01-04, created over 32 connections; their credit codes.
    static func createActiveTenants(socketPath: String, count: Int) async throws -> [String] {
        let codes = try creditCodes(count: count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<32 {
                group.addTask {
                    try await VarlinkConnection.using(socketPath: socketPath) { connection in
                        for serial in stride(from: worker, to: count, by: 32) {
                            _ = try await connection.call(TenantAPI.create, TenantAPI.Create(
                                name: "报表基准企业 \(serial)", creditCode: codes[serial], businessLines: ["dispatch"], appliedOn: "2015-01-01"))
                            for (status, day) in [("reviewing", "2015-01-02"), ("approved", "2015-01-03"), ("active", "2015-01-04")] {
                                _ = try await connection.call(TenantAPI.transition, TenantAPI.Transition(
                                    tenant: codes[serial], to: status, on: day, reason: "benchmark"))
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return codes
    }

    /// The credit codes of the benchmark's tenants, serials 0..<count.
    static func creditCodes(count: Int) throws -> [String] {
        try (0..<count).map { serial -> String in
            let digits = String(serial)
            guard let code = CreditCode.completing(codePrefix + String(repeating: "0", count: 7 - digits.count) + digits) else {
                throw BenchError("cannot complete a credit code for serial \(serial)")
            }
            return code
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func print(_ figures: Figures, tenants: Int, months: Int) {
        Swift.print("""

            report import: \(figures.rows) rows (\(tenants) tenants × \(months) months)
              set-up (tenants created and activated): \(String(format: "%.2f", seconds(figures.setUp))) s
              upload in parts:                        \(String(format: "%.2f", seconds(figures.upload))) s
              check and record (one transaction):     \(String(format: "%.2f", seconds(figures.finish))) s
              rows/s, upload included:                \(String(format: "%.0f", Double(figures.rows) / seconds(figures.upload + figures.finish)))
            """)
    }
}

/// `Stats.Park` over many reports: a year, and everything since opening; and, as its anchor,
/// the bare SQL query that computes the same monthly sums, timed by the `sqlite3` shell.
enum StatsBench {
    /// The sums since opening by month, in the sqlite3 shell on `database` (median of 5 runs,
    /// as SQLite's own timer measures them: no process start counted).
    static func bareQuery(database: String) throws -> Duration {
        let query = ParkDatabase.monthTotalsQuery.replacingOccurrences(of: "month >= ? AND month <= ?", with: "month >= '0001-01' AND month <= '2024-12'")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", database]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(String(repeating: ".timer on\n\(query);\n", count: 5).utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let times = text.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).prefix { $0 != " " })
        }.sorted()
        guard times.count == 5 else { throw BenchError("sqlite3 did not time the query: \(text.suffix(300))") }
        return .milliseconds(Int(times[2] * 1000))
    }

    static func run(socketPath: String) async throws -> [(String, Duration)] {
        let clock = ContinuousClock()
        return try await VarlinkConnection.using(socketPath: socketPath) { connection in
            var results: [(String, Duration)] = []
            for (label, query) in [
                ("stats for 2020", StatsAPI.Park(from: "2020-01-01", to: "2020-12-31")),
                ("stats since opening, monthly", StatsAPI.Park(from: "0001-01-01", to: "2024-12-31", monthly: true)),
            ] {
                var times: [Duration] = []
                for _ in 0..<5 {
                    let start = clock.now
                    _ = try await connection.call(StatsAPI.park, query)
                    times.append(clock.now - start)
                }
                results.append((label, times.sorted()[2]))
            }
            return results
        }
    }
}
