/// Sums of reported figures over a period (current report versions only).
public struct ReportTotals: Equatable, Sendable {
    public var reports = 0
    public var revenue = Money.zero
    public var tax = Money.zero
    public var employersServed = 0
    public var workersDispatched = 0
    public var workersOutsourced = 0
    public var jobSeekersServed = 0
    public var placements = 0
    public var trainingSessions = 0
    public var trainingAttendees = 0
    public var phdHires = 0

    public init() {}

    public mutating func add(_ other: ReportTotals) {
        reports += other.reports
        revenue = revenue + other.revenue
        tax = tax + other.tax
        employersServed += other.employersServed
        workersDispatched += other.workersDispatched
        workersOutsourced += other.workersOutsourced
        jobSeekersServed += other.jobSeekersServed
        placements += other.placements
        trainingSessions += other.trainingSessions
        trainingAttendees += other.trainingAttendees
        phdHires += other.phdHires
    }
}
