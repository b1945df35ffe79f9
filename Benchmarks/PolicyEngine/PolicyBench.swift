import Foundation
import ParkCore
import ParkPolicy

/// policy-bench: the reward engine's speed with the reference policies, on one thread.
///
///     policy-bench [--policies DIR] [--tenants N] [--annual-tenants M] [--rounds R] [--without-explanations] [--without-exact]
///                  [--without-issue-20] [--only-issue-20]
///
/// Times a year of monthly runs (2021-01 … 2021-12) for N synthetic tenants (default 2,000),
/// without and with explanations (inputs read once, as a scheduler running the months would),
/// and one annual run (2021) for M tenants (default 100,000), reading of the inputs included.
/// A "rule evaluation" is one rule computed for one tenant and one period: the runs' own, plus
/// the earlier periods that annual caps, clawbacks and "earlier years" read. Then the figures
/// issue 20 aims at, for 2022 (`issue20`), alone with `--only-issue-20`: the columnar engine's
/// workload R times (default 3, the fastest printed), the exact engine's once (not with
/// `--without-exact`). It only reports.
@main
struct PolicyBench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, _ fallback: String) -> String {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
            defer { arguments.removeSubrange(index...(index + 1)) }
            return arguments[index + 1]
        }
        let directory = option("--policies", "Config/policies")
        let tenants = Int(option("--tenants", "2000")) ?? 2000
        let annualTenants = Int(option("--annual-tenants", "100000")) ?? 100_000
        let explainedToo = !arguments.contains("--without-explanations")
        let exactToo = !arguments.contains("--without-exact")
        let rounds = max(1, Int(option("--rounds", "3")) ?? 3)

        let compileStart = ContinuousClock.now
        var policies: [Policy] = []
        for name in ["P2019.yaml", "P2021.yaml"] {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            policies.append(try PolicyLoader.load(text, fileName: name))
        }
        let book = try PolicyBook(policies)
        print("compiled \(policies.map(\.id).joined(separator: ", ")) in \(milliseconds(ContinuousClock.now - compileStart)) ms")
        print("")
        if arguments.contains("--only-issue-20") {
            return try issue20(book, tenants: annualTenants, monthlyTenants: tenants, explained: explainedToo, rounds: rounds, exactToo: exactToo)
        }
        print("scenario                                   tenants  evaluations  read s  compute s  evaluations/s  lines")

        let park = RewardInputs(tenants: (0..<tenants).map(SyntheticTenant.make))
        for explain in explainedToo ? [false, true] : [false] {
            var evaluations = 0, lines = 0
            let reading = ContinuousClock.now
            let prepared = try PreparedInputs(park)
            let start = ContinuousClock.now
            for month in 1...12 {
                let calculation = try book.calculate(.month(Month(year: 2021, month: month)), prepared: prepared, explain: explain)
                evaluations += calculation.evaluations
                lines += calculation.lines.count
            }
            let end = ContinuousClock.now
            report(explain ? "year of monthly runs, explained" : "year of monthly runs", tenants, evaluations, start - reading, end - start, lines)
            // Released here, not inside the timed span: Swift frees a value after its last use,
            // and freeing the inputs is not computing.
            withExtendedLifetime(prepared) {}
        }

        let large = RewardInputs(tenants: (0..<annualTenants).map(SyntheticTenant.make))
        let reading = ContinuousClock.now
        let prepared = try PreparedInputs(large)
        let start = ContinuousClock.now
        let annual = try book.calculate(.year(2021), prepared: prepared, explain: false)
        let end = ContinuousClock.now
        report("annual run 2021", annualTenants, annual.evaluations, start - reading, end - start, annual.lines.count)
        withExtendedLifetime(prepared) {}

        guard !arguments.contains("--without-issue-20") else { return }
        print("")
        try issue20(book, tenants: annualTenants, monthlyTenants: tenants, explained: explainedToo, rounds: rounds, exactToo: exactToo)
    }

    /// The figures issue 20 aims at, each beside its aim. A rule evaluation here is one rule for
    /// one tenant and one period of the runs asked for (what OpenFisca counts), so 100,000
    /// tenants × (12 months × 3 rules + 2 annual rules) = 3.8 M; the engine's own count (which
    /// adds the earlier periods caps and "earlier years" read) is printed too.
    static func issue20(_ book: PolicyBook, tenants: Int, monthlyTenants: Int, explained: Bool, rounds: Int, exactToo: Bool) throws {
        let months = (1...12).map { RewardPeriod.month(Month(year: 2022, month: $0)) }
        print("issue 20 figures (2022)                     tenants  evaluations  engine count  seconds  cpu s  evaluations/s  aim")

        // OpenFisca's workload: inputs prepared, then PLACEMENT, TRAINING, TALENT monthly × 12 and
        // REVENUE_TIER, TAX_CONTRIBUTION for the year; with the columnar engine (what runs use),
        // then with the exact one alone (the engine before it, kept as the reference).
        let park = RewardInputs(tenants: (0..<tenants).map { SyntheticTenant.make($0, through: 2022) })
        var paid: [Int64] = []
        // The columnar engine `rounds` times (the fastest is printed: the others lost time to
        // the machine's other work), then the exact one once, unless left out.
        for columnar in [true] + (exactToo ? [false] : []) {
            var fastest: (elapsed: Duration, cpu: Double, prepared: Duration, counted: Int)?, slowest = Duration.zero
            for _ in 1...(columnar ? rounds : 1) {
                let start = ContinuousClock.now, cpuStart = cpuSeconds()
                let prepared = try PreparedInputs(park)
                let preparedIn = ContinuousClock.now - start
                var counted = 0, fen: Int64 = 0
                for period in months + [.year(2022)] {
                    let rules = period.kind == .month ? ["PLACEMENT", "TRAINING", "TALENT"] : ["REVENUE_TIER", "TAX_CONTRIBUTION"]
                    let run = try book.calculate(period, prepared: prepared, rules: rules, explain: false, columnar: columnar)
                    counted += run.evaluations
                    guard let total = run.lines.totalFen else { throw PolicyRunError("the run of \(period) pays more than Int64 fen") }
                    fen += total
                }
                let elapsed = ContinuousClock.now - start, cpu = cpuSeconds() - cpuStart
                withExtendedLifetime(prepared) {}
                if paid.count < (columnar ? 1 : 2) { paid.append(fen) }
                if fastest == nil || elapsed < fastest!.elapsed { fastest = (elapsed, cpu, preparedIn, counted) }
                slowest = max(slowest, elapsed)
            }
            guard let fastest else { continue }
            row(columnar ? "5 rules, inputs prepared included" : "  the same, exact engine only (before)", tenants, tenants * 38, fastest.counted,
                fastest.elapsed, fastest.cpu, "OpenFisca 46: 3.8 M in 0.127-0.249 s (\(ratio(0.127, fastest.elapsed)) of the faster); "
                    + "inputs prepared in \(String(format: "%.3f", seconds(fastest.prepared))) s"
                    + (columnar && rounds > 1 ? "; fastest of \(rounds), slowest \(String(format: "%.3f", seconds(slowest))) s" : ""))
        }
        print("  " + (paid.count < 2 ? "the columnar engine paid \(Money(fen: paid[0])) yuan"
            : "both engines paid \(Money(fen: paid[0])) yuan" + (paid[0] == paid[1] ? "" : " / \(Money(fen: paid[1])) yuan: THEY DIFFER")))

        // The full reference policy, RENT per day included: a year of monthly runs and the annual run.
        let full = RewardInputs(tenants: (0..<monthlyTenants).map { SyntheticTenant.make($0, through: 2022) })
        let fullStart = ContinuousClock.now, fullCPU = cpuSeconds()
        let fullPrepared = try PreparedInputs(full)
        var fullEvaluations = 0, fullCounted = 0
        for period in months + [.year(2022)] {
            let run = try book.calculate(period, prepared: fullPrepared, explain: false)
            fullEvaluations += monthlyTenants * book.rules(for: period).count
            fullCounted += run.evaluations
        }
        row("every rule, monthly × 12 + annual", monthlyTenants, fullEvaluations, fullCounted, ContinuousClock.now - fullStart, cpuSeconds() - fullCPU, ">= 10 M/s")
        canonicalFigures(full)

        // As a run through parkd computes: explanations, each line's written as the store keeps it.
        guard explained else { return }
        let explainedStart = ContinuousClock.now, explainedCPU = cpuSeconds()
        let explainedPrepared = try PreparedInputs(full)
        var explainedEvaluations = 0, explainedCounted = 0, bytes = 0
        for month in months {
            let run = try book.calculate(month, prepared: explainedPrepared, explain: true)
            explainedEvaluations += monthlyTenants * book.rules(for: month).count
            explainedCounted += run.evaluations
            for line in run.lines { bytes += line.compactExplanation?.encoded.count ?? 0 }
        }
        row("monthly × 12, explained and encoded", monthlyTenants, explainedEvaluations, explainedCounted,
            ContinuousClock.now - explainedStart, cpuSeconds() - explainedCPU, ">= 3 M/s (\(bytes / 1_000_000) MB of explanations)")
    }

    /// What a run through parkd does with its inputs besides computing: writes them as canonical
    /// JSON and hashes them (a run, and a verification for the park as it is now), and reads
    /// them back (a verification). Fastest of five each.
    static func canonicalFigures(_ inputs: RewardInputs) {
        var written: (json: [UInt8], hash: String) = ([], "")
        var write = Duration.seconds(1_000), read = Duration.seconds(1_000)
        for _ in 1...5 {
            let start = ContinuousClock.now
            written = inputs.canonical()
            write = min(write, ContinuousClock.now - start)
            let readStart = ContinuousClock.now
            let back = try? RewardInputs.decode(written.json)
            read = min(read, ContinuousClock.now - readStart)
            guard back == inputs else {
                print("  the canonical inputs do not read back as written")
                return
            }
        }
        let reports = inputs.tenants.reduce(0) { $0 + $1.reports.count }
        print("  canonical inputs of \(inputs.tenants.count) tenants, \(reports) reports (\(written.json.count / 1_000_000) MB): "
            + "written and hashed in \(String(format: "%.3f", seconds(write))) s, read back in \(String(format: "%.3f", seconds(read))) s (fastest of 5)")
    }

    /// CPU time this thread has used: on a machine others load, the wall clock also counts
    /// their turns on the cores.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func row(_ scenario: String, _ tenants: Int, _ evaluations: Int, _ counted: Int, _ elapsed: Duration, _ cpu: Double, _ aim: String) {
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        print(pad(scenario, 40, left: true) + pad(String(tenants), 9) + pad(String(evaluations), 13) + pad(String(counted), 14)
            + pad(String(format: "%.3f", seconds(elapsed)), 9) + pad(String(format: "%.3f", cpu), 7)
            + pad(String(Int(Double(evaluations) / seconds(elapsed))), 15) + "  " + aim)
    }

    /// `anchor` seconds against `elapsed`: above 1, parkd is the faster.
    static func ratio(_ anchor: Double, _ elapsed: Duration) -> String {
        String(format: "%.2f×", anchor / seconds(elapsed))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// One line: reading the inputs and computing are timed apart; the rate is the computing's.
    static func report(_ scenario: String, _ tenants: Int, _ evaluations: Int, _ reading: Duration, _ computing: Duration, _ lines: Int) {
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        print(pad(scenario, 40, left: true) + pad(String(tenants), 9) + pad(String(evaluations), 13)
            + pad(String(format: "%.3f", seconds(reading)), 8) + pad(String(format: "%.3f", seconds(computing)), 11)
            + pad(String(Int(Double(evaluations) / seconds(computing))), 15) + pad(String(lines), 7))
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Tenants that exercise every rule: moves-in from 2018 to 2021, one or two office leases,
/// monthly reports from 2019, some headquarters, some exits. Deterministic for a given index.
enum SyntheticTenant {
    static func make(_ index: Int) -> TenantFacts {
        make(index, through: 2021)
    }

    /// The same tenant, with monthly reports up to December of `lastYear`.
    static func make(_ index: Int, through lastYear: Int) -> TenantFacts {
        var random = SplitMix(seed: UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let moveIn = CivilDate(dayNumber: CivilDate(year: 2018, month: 1, day: 1)!.dayNumber + Int(random.next() % 1400))
        let leaseEnd = moveIn.addingYears(5)!
        var changes = [StatusFact(to: "approved", on: moveIn.adding(days: -20).description), StatusFact(to: "active", on: moveIn.description)]
        if random.next() % 10 == 0 {
            let exit = CivilDate(year: 2021, month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
            if exit > moveIn {
                changes.append(StatusFact(to: "exiting", on: exit.adding(days: -10).description))
                changes.append(StatusFact(to: "exited", on: exit.description))
            }
        }
        var leases = [LeaseFact(
            id: Int64(index * 2 + 1), start: moveIn.description, lastDay: leaseEnd.description,
            units: [LeasedUnitFact(label: "A-\(index)", kind: "office", centiSquareMetres: Int64(10_000 + random.next() % 140_000))],
            rents: [RentFact(from: moveIn.description, fenPerSquareMetre: Int64(3_000 + random.next() % 2_000))])]
        if random.next() % 4 == 0 {
            let second = moveIn.adding(days: Int(random.next() % 400))
            leases.append(LeaseFact(
                id: Int64(index * 2 + 2), start: second.description, lastDay: leaseEnd.description,
                units: [LeasedUnitFact(label: "B-\(index)", kind: "office", centiSquareMetres: Int64(5_000 + random.next() % 60_000))],
                rents: [RentFact(from: second.description, fenPerSquareMetre: Int64(3_500 + random.next() % 2_000))]))
        }
        let scale = Int64(1 + random.next() % 40)
        var reports = ReportFacts()
        for year in 2019...lastYear {
            for month in 1...12 {
                let first = Month(year: year, month: month)
                guard first.lastDay >= moveIn else { continue }
                let (revenue, placements, attendees, phd) = (random.next(), random.next(), random.next(), random.next())
                reports.append(ReportFact(month: first.description, version: 1) { figure in
                    switch figure {
                    case .revenue: scale * 250_000_000 + Int64(revenue % 100_000_000)
                    case .tax: scale * 9_000_000
                    case .placements: Int64(placements % 60)
                    case .trainingSessions: 2
                    case .trainingAttendees: Int64(attendees % 80)
                    case .phdHires: phd % 50 == 0 ? 1 : 0
                    case .headcount: 40
                    default: 0
                    }
                })
            }
        }
        let tags = random.next() % 30 == 0 ? ["headquarters", random.next() % 2 == 0 ? "global-top-500" : "hr-top-100"] : []
        return TenantFacts(
            id: Int64(index + 1), name: "Synthetic HR \(index)", creditCode: "", businessLines: ["recruitment", "dispatch"], tags: tags,
            origin: "local", appliedOn: moveIn.adding(days: -60).description, statusChanges: changes, leases: leases, reports: reports)
    }
}

/// A small deterministic generator (SplitMix64), so every run benchmarks the same park.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
