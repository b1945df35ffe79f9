import Foundation

/// Report figures as columns (one month's figure for every lane), built the first time a run
/// reads them and kept with the prepared inputs for the runs after it: a year of monthly runs
/// reads each month's figures from the profiles once, not once a run (each run's caps read the
/// months before its own again).
final class ColumnarFigures: @unchecked Sendable {
    /// Guards `columns`: prepared inputs may be shared by runs on several threads.
    private let lock = NSLock()
    private var columns: [Int: [Int64]] = [:]

    /// The month's figure for every lane (0 where there is no report).
    func column(_ figure: ReportFigure, month: Int, profiles: [TenantProfile]) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        if let known = columns[Self.key(figure, month)] { return known }
        // The month's calendar year, one profile after the other: a profile's months of a
        // figure are neighbours in memory, the profiles are not.
        let year = month - month % 12
        let months = (year...(year + 11)).filter { columns[Self.key(figure, $0)] == nil }
        var filled = months.map { _ in [Int64](repeating: 0, count: profiles.count) }
        for (lane, profile) in profiles.enumerated() {
            for (position, index) in months.enumerated() { filled[position][lane] = profile.figure(figure, month: index) ?? 0 }
        }
        for (position, index) in months.enumerated() { columns[Self.key(figure, index)] = filled[position] }
        return columns[Self.key(figure, month)]!
    }

    private static func key(_ figure: ReportFigure, _ month: Int) -> Int {
        month &* 16 &+ figure.index
    }
}
