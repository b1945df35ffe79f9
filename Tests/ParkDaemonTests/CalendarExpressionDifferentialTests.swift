import Foundation
import ParkCore
@testable import ParkDaemon
import Testing

/// parkd's calendar expressions against systemd 252's own: a generated corpus of expressions is
/// given to `systemd-analyze calendar --iterations=5` and to parkd's engine, in the same zone
/// from the same base time, and both must accept or refuse alike, normalize alike, and print
/// the same elapses (local and UTC). The base times sit just before daylight-saving changes in
/// Europe/Berlin and America/New_York, so searches run through gaps and folds.
@Suite("Calendar expressions against systemd-analyze")
struct CalendarExpressionDifferentialTests {
    static let corpusSize = 5_000
    static let iterations = 5
    static let zones = ZoneInfoDirectory()

    /// Where systemd 252 is wrong and parkd may differ: expression → why. None is known.
    static let knownSystemdBugs: [String: String] = [:]

    struct Case: CustomTestStringConvertible, Sendable {
        let zone: String
        let base: Int64
        var testDescription: String { "\(zone) from @\(base)" }
    }

    static let cases = [
        Case(zone: "UTC", base: 1_700_000_000),
        // 00:30 CET on 29 March 2026: the clocks go from 02:00 to 03:00.
        Case(zone: "Europe/Berlin", base: 1_774_740_600),
        // 01:30 CEST on 25 October 2026: 02:00 to 03:00 happens twice.
        Case(zone: "Europe/Berlin", base: 1_792_884_600),
        // 01:30 EST on 8 March 2026: 02:00 to 03:00 is skipped.
        Case(zone: "America/New_York", base: 1_772_951_400),
        // 01:30 EDT on 1 November 2026: 01:00 to 02:00 happens twice.
        Case(zone: "America/New_York", base: 1_793_511_000),
    ]

    /// What systemd-analyze printed for one expression.
    enum Reference: Equatable {
        case refused
        case searchFailed
        case accepted(normalized: String, elapses: [String])
    }

    @Test("the corpus covers every part of the syntax, valid and invalid")
    func corpusShape() throws {
        let expressions = CalendarExpressionCorpus.expressions(count: Self.corpusSize, seed: 15)
        #expect(expressions.count >= 5_000)
        let accepted = expressions.filter { (try? CalendarSpec.parse($0, isTimeZone: Self.zones.isZone)) != nil }
        #expect(accepted.count > expressions.count / 3 && accepted.count < expressions.count * 9 / 10)
        for feature in ["~", "..", "/", ",", "*", "Mon", "@", "quarterly", "UTC", "Asia/Shanghai", "Europe/Berlin"] {
            #expect(accepted.contains { $0.contains(feature) }, "no accepted expression with \(feature)")
        }
    }

    @Test("parkd agrees with systemd-analyze", arguments: cases)
    func agrees(with testCase: Case) throws {
        let expressions = CalendarExpressionCorpus.expressions(count: Self.corpusSize, seed: 15)
        let references = try Self.systemdAnalyze(expressions, zone: testCase.zone, base: testCase.base)
        let local = try Self.zones.rules(named: testCase.zone, field: "zone")
        var differences: [String] = []
        for (expression, reference) in zip(expressions, references) where Self.knownSystemdBugs[expression] == nil {
            let ours = Self.parkd(expression, local: local, zoneIsUTC: testCase.zone == "UTC", base: testCase.base)
            if ours != reference { differences.append("'\(expression)': systemd \(reference), parkd \(ours)") }
        }
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(5).joined(separator: "\n"))")
    }

    /// What parkd's engine makes of `expression`, in systemd-analyze's terms.
    static func parkd(_ expression: String, local: ZoneRules, zoneIsUTC: Bool, base: Int64) -> Reference {
        guard let spec = try? CalendarSpec.parse(expression, isTimeZone: zones.isZone) else { return .refused }
        let rules: ZoneRules
        if let name = spec.timeZone {
            guard let named = try? zones.rules(named: name, field: "zone") else { return .refused }
            rules = named
        } else {
            rules = local
        }
        var lines: [String] = []
        for elapse in spec.elapses(after: base * 1_000_000, count: iterations, in: rules) {
            switch elapse {
            case .at(let instant):
                lines.append(local.timestamp(instant))
                if !zoneIsUTC { lines.append(UTCRules().timestamp(instant)) }
            case .never:
                if lines.isEmpty { lines.append("never") }
            case .searchGaveUp:
                return .searchFailed
            }
        }
        return .accepted(normalized: spec.normalized, elapses: lines)
    }

    /// Runs systemd-analyze over `expressions` in batches and reads what it printed for each.
    static func systemdAnalyze(_ expressions: [String], zone: String, base: Int64) throws -> [Reference] {
        var references: [Reference] = []
        let batch = 1_000
        for start in stride(from: 0, to: expressions.count, by: batch) {
            let slice = Array(expressions[start..<min(start + batch, expressions.count)])
            let (output, errors) = try run(slice, zone: zone, base: base)
            references += read(slice, output: output, errors: errors)
        }
        return references
    }

    static func run(_ expressions: [String], zone: String, base: Int64) throws -> (String, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-oncalendar-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputFile = directory.appendingPathComponent("out"), errorFile = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["calendar", "--iterations=\(iterations)", "--base-time=@\(base)", "--"] + expressions
        process.environment = ["TZ": zone, "SYSTEMD_COLORS": "0", "LC_ALL": "C", "PATH": "/usr/bin:/bin"]
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return (try String(contentsOf: outputFile, encoding: .utf8), try String(contentsOf: errorFile, encoding: .utf8))
    }

    /// Pairs each expression with its block of output ("  Original form: …"), in order; an
    /// expression with no block was refused, or its search failed, as its error line says.
    static func read(_ expressions: [String], output: String, errors: String) -> [Reference] {
        var blocks: [(original: String, normalized: String, elapses: [String])] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let label = parts[0].trimmingCharacters(in: .whitespaces)
            let value = String(parts[1].dropFirst())
            switch label {
            case "Original form": blocks.append((value, "", []))
            // systemd leaves out the original form when it equals the normalized one.
            case "Normalized form" where blocks.last.map({ $0.normalized.isEmpty && $0.elapses.isEmpty }) != true:
                blocks.append((value, value, []))
            case "Normalized form": blocks[blocks.count - 1].normalized = value
            case "Next elapse", "(in UTC)": blocks[blocks.count - 1].elapses.append(value)
            case let label where label.hasPrefix("Iter. #"): blocks[blocks.count - 1].elapses.append(value)
            default: break
            }
        }
        let failedSearches = Set(errors.split(separator: "\n").compactMap { line -> String? in
            let prefix = "Failed to determine next elapse for '"
            guard line.hasPrefix(prefix), let end = line.range(of: "': ", options: .backwards) else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: prefix.count)..<end.lowerBound])
        })
        var next = 0
        return expressions.map { expression in
            if next < blocks.count && blocks[next].original == expression {
                defer { next += 1 }
                return .accepted(normalized: blocks[next].normalized, elapses: blocks[next].elapses)
            }
            return failedSearches.contains(expression) ? .searchFailed : .refused
        }
    }
}
