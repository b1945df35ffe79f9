import Foundation
import NIOCore
import NIOPosix
import ParkControl
import ParkCore

/// parkd-bench: round-trip throughput and latency of parkd's Varlink admin channel.
///
///     parkd-bench --parkd PATH [--seconds N] [--only read|write|spool|reward] [--help]
///
/// Starts the given parkd on a throw-away state directory, then measures a round trip to a
/// peer that does nothing (the machine's limit for one connection), a cheap indexed read
/// (Tenant.Get), the channel alone (org.varlink.service.GetInfo, no database) and a durable
/// audited write (Tenant.Create), each over 1 and 32 connections, then a report import and
/// park statistics. `--only` runs just the read or the write
/// round trips, or the spool: 10,000 signed monthly reports dropped at once (`SpoolBench`), or
/// the reward runs (after the report import they read, without the statistics). It only
/// reports; it asserts nothing about the numbers.
///
/// (The entry point lives here, not in main.swift: a main.swift file is top-level code, which
/// the compiler does not allow next to an `@main` type.)
@main
struct ParkdBench {
    static let usage = "usage: parkd-bench --parkd PATH [--policies DIR] [--seconds N] [--only read|write|spool|reward] [--c-echo PATH] [--help]"
    /// Long enough to open connections' buffers and warm SQLite's page cache, short next to N.
    static let warmUp: Duration = .seconds(1)
    /// Credit code bodies are this prefix (authority 9, category 1, division 370200) + 7 digits.
    static let codePrefix = "9137020000"
    static let maxSerial = 9_999_999

    static func main() async {
        // Like parkd: NIO's event loops run Swift Concurrency, so a call's reply resumes its task
        // on the thread that read it instead of waking another one.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        if CommandLine.arguments.contains("--help") {
            print(usage)
            return
        }
        let options: Options
        switch parseArguments(Array(CommandLine.arguments.dropFirst())) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            fail("\(error)\n\(usage)", status: 2)
        }

        let daemon: DaemonProcess
        do {
            daemon = try await DaemonProcess(executable: options.parkd, policies: options.policies)
        } catch {
            fail("\(error)")
        }

        // Stop the daemon whatever happens next, so no parkd or temp directory outlives us.
        var failure: String?
        do {
            if options.only == .spool {
                SpoolBench.print(try await SpoolBench.run(socketPath: daemon.socketPath, spool: daemon.directory.path + "/spool"))
            } else {
                try await benchmark(socketPath: daemon.socketPath, database: daemon.directory.appendingPathComponent("parkd.sqlite").path, options: options)
            }
        } catch {
            failure = "\(error)"
        }
        if let complaint = await daemon.stop() {
            failure = [failure, complaint].compactMap { $0 }.joined(separator: "\n")
        }
        if let failure { fail(failure) }
    }

    static func benchmark(socketPath: String, database: String, options: Options) async throws {
        // The tenant the read scenarios fetch (serial 0 is its credit code): one like the park's,
        // with business lines, tags and a status history, so the read fetches all of them.
        let readTenant: String
        do {
            readTenant = try await VarlinkConnection.using(socketPath: socketPath) { connection in
                var tenant = try newTenant(serial: 0)
                tenant.businessLines = ["recruitment", "dispatch", "training"]
                tenant.tags = ["brand-a", "incubator-graduate"]
                let created = try await connection.call(TenantAPI.create, tenant)
                let id = String(created.tenant.id)
                for status in ["reviewing", "approved"] {
                    _ = try await connection.call(TenantAPI.transition, TenantAPI.Transition(
                        tenant: id, to: status, reason: "entry review meeting of the benchmark park"))
                }
                return id
            }
        } catch {
            throw BenchError("cannot create the tenant to read: \(error)")
        }

        // Every read is the same call, so its message is encoded once.
        let readMessage = Array(try VarlinkCoding.encode(VarlinkCall(method: TenantAPI.get.name, parameters: TenantAPI.Get(tenant: readTenant))))
        let read: @Sendable (Int) throws -> [UInt8] = { _ in readMessage }
        // The channel alone: a call answered without the database, for the cost of the round trip itself.
        let infoMessage = Array(try VarlinkCoding.encode(VarlinkCall(method: VarlinkServiceAPI.getInfo.name, parameters: NoParameters())))
        let info: @Sendable (Int) throws -> [UInt8] = { _ in infoMessage }
        let write: @Sendable (Int) throws -> [UInt8] = { serial in
            Array(try VarlinkCoding.encode(VarlinkCall(method: TenantAPI.create.name, parameters: try newTenant(serial: serial))))
        }
        let reads = options.only == nil || options.only == .read, writes = options.only == nil || options.only == .write
        var scenarios: [Scenario] = []
        if reads {
            scenarios += [
                Scenario(name: "read (Tenant.Get)", connections: 1, message: read),
                Scenario(name: "read (Tenant.Get)", connections: 32, message: read),
                Scenario(name: "channel only (GetInfo)", connections: 1, message: info),
                Scenario(name: "channel only (GetInfo)", connections: 32, message: info),
            ]
        }
        if writes {
            scenarios += [
                Scenario(name: "write (Tenant.Create)", connections: 1, message: write),
                Scenario(name: "write (Tenant.Create)", connections: 32, message: write),
            ]
        }

        var measurements: [Measurement] = []
        if reads {
            // The same client and call against a peer that does nothing: this machine's limit,
            // which parkd's one-connection figures are to be read against.
            let peer = try SocketEchoPeer()
            defer { peer.stop() }
            var echo = Runner(socketPath: peer.socketPath, warmUp: warmUp, duration: .seconds(options.seconds), firstSerial: 1)
            measurements.append(try await echo.run(Scenario(name: "socket echo, no parkd", connections: 1, message: info)))
            if let cEcho = options.cEcho {
                let peer = try CEchoPeer(executable: cEcho)
                defer { peer.stop() }
                var echo = Runner(socketPath: peer.socketPath, warmUp: warmUp, duration: .seconds(options.seconds), firstSerial: 1)
                for connections in [1, 32] {
                    measurements.append(try await echo.run(Scenario(name: "C echo, no parkd", connections: connections, message: info)))
                }
            }
        }
        var runner = Runner(socketPath: socketPath, warmUp: warmUp, duration: .seconds(options.seconds), firstSerial: 1)
        // An fsync's cost moves from second to second with what else the disk does, so each
        // write scenario is set beside the anchor timed just before it and just after it.
        let directory = URL(fileURLWithPath: database).deletingLastPathComponent()
        var anchored: [(write: Measurement, before: Double, after: Double)] = []
        for scenario in scenarios {
            let isWrite = scenario.name.hasPrefix("write")
            let before = isWrite ? try CommitAnchor.rowsPerSecond(directory: directory) : nil
            let measurement = try await runner.run(scenario)
            measurements.append(measurement)
            if let before { anchored.append((measurement, before, try CommitAnchor.rowsPerSecond(directory: directory))) }
        }
        if !measurements.isEmpty {
            printTable(measurements, seconds: options.seconds)
            printChannelRatios(measurements)
        }
        if !anchored.isEmpty {
            print("\nanchor, sqlite3 shell committing one row per transaction (WAL, synchronous=FULL), timed before and after each write scenario:")
            for (measurement, before, after) in anchored {
                let aim = measurement.scenario.connections == 1 ? "aim ≥ 0.8×" : "aim ≥ 2×"
                let anchor = (before + after) / 2
                print("  \(measurement.scenario.name), \(measurement.scenario.connections) connection(s): "
                    + "\(String(format: "%.0f", measurement.roundTripsPerSecond))/s against \(String(format: "%.0f", before)) and "
                    + "\(String(format: "%.0f", after)) rows/s: \(String(format: "%.2f", measurement.roundTripsPerSecond / anchor))× their mean (\(aim))")
            }
        }
        guard options.only == nil || options.only == .reward else { return }

        let (tenants, months) = (2_000, 50)
        let imported = try await ReportImportBench.run(socketPath: socketPath, tenants: tenants, months: months)
        ReportImportBench.print(imported, tenants: tenants, months: months)

        // Ten years of monthly reports for every tenant, then the statistics over them.
        let codes = try ReportImportBench.creditCodes(count: tenants)
        let (more, _, _) = try await ReportImportBench.importReports(socketPath: socketPath, codes: codes, months: months..<120)
        if options.only == nil {
            print("\nstatistics over \(imported.rows + more) reports (median of 5):")
            let statistics = try await StatsBench.run(socketPath: socketPath)
            for (label, duration) in statistics {
                print("  \(label): \(String(format: "%.3f", ReportImportBench.seconds(duration))) s")
            }
            let bare = try StatsBench.bareQuery(database: database)
            let sinceOpening = statistics.last.map { ReportImportBench.seconds($0.1) } ?? 0
            print("  anchor, the bare SQL query of the same monthly sums (sqlite3 shell): \(String(format: "%.3f", ReportImportBench.seconds(bare))) s;"
                + " since opening, monthly, is \(String(format: "%.2f", sinceOpening / max(ReportImportBench.seconds(bare), 0.001)))× it (aim ≤ 2×)")
        }
        guard options.policies != nil else { return }
        print("\nreward runs through parkd over those \(tenants) tenants and \(imported.rows + more) reports "
            + "(inputs read, computed with explanations, stored; median of \(RewardBench.rounds), fastest to slowest):")
        for (period, figures) in try await RewardBench.run(socketPath: socketPath, periods: ["2021-06", "2021"]) {
            print("  \(period): run \(figures.run.text) (\(figures.lines) lines), verify \(figures.verify.text)")
        }
        let year = try await RewardBench.yearOfMonthlyRuns(socketPath: socketPath, year: 2021, tenants: tenants)
        let seconds = ReportImportBench.seconds(year.elapsed)
        print("  a year of monthly runs (2021-01 to 2021-12, one after the other): \(String(format: "%.3f", seconds)) s, "
            + "\(year.evaluations) evaluations (tenants × rules), \(Int(Double(year.evaluations) / seconds))/s (aim ≥ 3 M/s), \(year.lines) lines")
    }

    /// Tenant.Create parameters whose name and credit code are unique to `serial`.
    static func newTenant(serial: Int) throws -> TenantAPI.Create {
        guard (0...maxSerial).contains(serial) else {
            throw BenchError("ran out of distinct credit codes (serial \(serial)); use fewer --seconds")
        }
        let digits = String(serial)
        let body = codePrefix + String(repeating: "0", count: 7 - digits.count) + digits
        guard let code = CreditCode.completing(body) else {
            throw BenchError("cannot complete credit code body '\(body)'")
        }
        return TenantAPI.Create(name: "基准测试企业 \(serial)", creditCode: code)
    }

    /// The table of every scenario; parkd's rows also as a share of the faster echo peer with
    /// as many connections measured in this run (`of echo`).
    static func printTable(_ measurements: [Measurement], seconds: Int) {
        print("parkd-bench: \(seconds) s per scenario after \(warmUp) warm-up; \(ProcessInfo.processInfo.activeProcessorCount) active cores")
        let header = ["scenario", "connections", "calls", "round-trips/s", "p50 ms", "p99 ms", "of echo"]
        let rows = measurements.map { m in
            let share = isEcho(m) ? nil : fastestEcho(in: measurements, connections: m.scenario.connections).map { m.roundTripsPerSecond / $0.roundTripsPerSecond }
            return [
                m.scenario.name, String(m.scenario.connections), String(m.latencies.count),
                String(format: "%.1f", m.roundTripsPerSecond),
                String(format: "%.3f", m.percentile(0.50)), String(format: "%.3f", m.percentile(0.99)),
                share.map { String(format: "%.2f", $0) } ?? "",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        // First column left-aligned (text), the rest right-aligned (numbers).
        // An empty last cell (an echo row's share) leaves no trailing spaces.
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        print(line(header))
        print(line(widths.map { String(repeating: "-", count: $0) }))
        rows.forEach { print(line($0)) }
    }

    /// The channel's aims (issue 20): each scenario as a share of the faster echo peer with as
    /// many connections, measured in this run.
    static func printChannelRatios(_ measurements: [Measurement]) {
        func rate(_ prefix: String, _ connections: Int) -> Measurement? {
            measurements.filter { $0.scenario.name.hasPrefix(prefix) && $0.scenario.connections == connections }
                .max { $0.roundTripsPerSecond < $1.roundTripsPerSecond }
        }
        let aims: [(String, Int, Double)] = [("channel only (GetInfo)", 1, 0.85), ("channel only (GetInfo)", 32, 0.6), ("read (Tenant.Get)", 32, 0.3)]
        var lines: [String] = []
        for (name, connections, aim) in aims {
            guard let measured = rate(name, connections), let echo = fastestEcho(in: measurements, connections: connections) else { continue }
            let share = measured.roundTripsPerSecond / echo.roundTripsPerSecond
            var line = "  \(name), \(connections) connection(s): \(String(format: "%.2f", share)) of \(echo.scenario.name) (aim ≥ \(aim): \(share >= aim ? "met" : "not met"))"
            if name.hasPrefix("read"), connections == 32 {
                let p99 = measured.percentile(0.99)
                line += "; p99 \(String(format: "%.3f", p99)) ms (aim < 1 ms: \(p99 < 1 ? "met" : "not met"))"
            }
            lines.append(line)
        }
        guard !lines.isEmpty else { return }
        print("\nthe channel against the fastest peer that does nothing, as many connections:")
        lines.forEach { print($0) }
    }

    /// The peers that answer at once and do nothing else: the machine's limit.
    static func isEcho(_ measurement: Measurement) -> Bool {
        measurement.scenario.name.hasPrefix("C echo") || measurement.scenario.name.hasPrefix("socket echo")
    }

    /// The faster of the echo peers measured with `connections` connections.
    static func fastestEcho(in measurements: [Measurement], connections: Int) -> Measurement? {
        measurements.filter { isEcho($0) && $0.scenario.connections == connections }.max { $0.roundTripsPerSecond < $1.roundTripsPerSecond }
    }

    struct Options {
        /// The round trips to run alone, or nil for every benchmark.
        enum Only: String {
            case read, write, spool, reward
        }

        var parkd: String
        /// The policy directory parkd reads; reward runs are timed when there is one.
        var policies: String?
        var seconds = 5
        var only: Only?
        /// The C echo peer's executable, measured beside the Swift one when given.
        var cEcho: String?
    }

    static func parseArguments(_ arguments: [String]) -> Result<Options, BenchError> {
        var parkd: String?
        var policies: String?
        var seconds = 5
        var only: Options.Only?
        var cEcho: String?
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard let value = remaining.popFirst() else {
                return .failure(BenchError(argument.hasPrefix("--") ? "\(argument) needs a value" : "unexpected argument '\(argument)'"))
            }
            switch argument {
            case "--parkd": parkd = value
            case "--c-echo": cEcho = value
            case "--policies": policies = URL(fileURLWithPath: value).standardizedFileURL.path
            case "--seconds":
                guard let parsed = Int(value), parsed > 0 else {
                    return .failure(BenchError("--seconds must be a positive whole number, not '\(value)'"))
                }
                seconds = parsed
            case "--only":
                guard let parsed = Options.Only(rawValue: value) else {
                    return .failure(BenchError("--only takes read, write, spool or reward, not '\(value)'"))
                }
                only = parsed
            default: return .failure(BenchError("unexpected argument '\(argument)'"))
            }
        }
        guard let parkd else { return .failure(BenchError("--parkd PATH is required")) }
        return .success(Options(parkd: parkd, policies: policies, seconds: seconds, only: only, cEcho: cEcho))
    }

    static func fail(_ message: String, status: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data("parkd-bench: \(message)\n".utf8))
        exit(status)
    }
}
