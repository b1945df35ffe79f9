/// The figures a submission gives for a month: all of them for a first report (revenue and tax
/// required, counts 0 when not given), only those that change for a correction — the others
/// keep the version in force.
public struct SubmittedFigures: Equatable, Sendable {
    public var revenue: Money?
    public var tax: Money?
    /// Counts by their wire name (`placements`, `headcount`, … as in `OperatingFigures.countLimits`).
    public var counts: [String: Int]

    public init(revenue: Money?, tax: Money?, counts: [String: Int]) {
        self.revenue = revenue
        self.tax = tax
        self.counts = counts
    }

    public var isEmpty: Bool { revenue == nil && tax == nil && counts.isEmpty }

    /// The new version's figures over `previous` (nil for a first report), and what changed.
    public func figures(over previous: OperatingFigures?) throws(DomainError) -> (figures: OperatingFigures, changes: [String]) {
        guard let previous else {
            guard let revenue else { throw .invalid("revenue", "a first report of a month needs the revenue") }
            guard let tax else { throw .invalid("tax", "a first report of a month needs the tax paid") }
            var figures = OperatingFigures(
                revenue: revenue, tax: tax, employersServed: 0, workersDispatched: 0, workersOutsourced: 0, jobSeekersServed: 0,
                placements: 0, trainingSessions: 0, trainingAttendees: 0, phdHires: 0, headcount: 0)
            for (field, value) in counts { figures[count: field] = value }
            return (figures, [])
        }
        guard !isEmpty else { throw .invalid("figures", "a correction gives at least one figure; the others keep the version in force") }
        var figures = previous
        var changes: [String] = []
        if let revenue, revenue != previous.revenue {
            figures.revenue = revenue
            changes.append("revenue \(previous.revenue) → \(revenue)")
        }
        if let tax, tax != previous.tax {
            figures.tax = tax
            changes.append("tax \(previous.tax) → \(tax)")
        }
        for (field, _) in OperatingFigures.countLimits {
            guard let value = counts[field], value != previous[count: field] else { continue }
            changes.append("\(field) \(previous[count: field]) → \(value)")
            figures[count: field] = value
        }
        guard !changes.isEmpty else { throw .invalid("figures", "the correction changes nothing: every figure given is already in force") }
        return (figures, changes)
    }
}

extension OperatingFigures {
    /// A count by its wire name; an unknown name reads 0 and writes nothing.
    public subscript(count field: String) -> Int {
        get {
            switch field {
            case "employersServed": employersServed
            case "workersDispatched": workersDispatched
            case "workersOutsourced": workersOutsourced
            case "jobSeekersServed": jobSeekersServed
            case "placements": placements
            case "trainingSessions": trainingSessions
            case "trainingAttendees": trainingAttendees
            case "phdHires": phdHires
            case "headcount": headcount
            default: 0
            }
        }
        set {
            switch field {
            case "employersServed": employersServed = newValue
            case "workersDispatched": workersDispatched = newValue
            case "workersOutsourced": workersOutsourced = newValue
            case "jobSeekersServed": jobSeekersServed = newValue
            case "placements": placements = newValue
            case "trainingSessions": trainingSessions = newValue
            case "trainingAttendees": trainingAttendees = newValue
            case "phdHires": phdHires = newValue
            case "headcount": headcount = newValue
            default: break
            }
        }
    }
}
