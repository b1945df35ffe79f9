import ParkCore

/// The facts the columnar engine reads for every tenant of a run, as struct-of-arrays: one
/// array per fact, a tenant's at its position in the inputs (its lane). Report figures stay as
/// each tenant's facts hold them, where a window's sum reads a tenant's months side by side.
struct ColumnarInputs: Sendable {
    let count: Int
    /// Month index of the first month the tenant could earn anything (`Int.max`: none).
    let firstMonth: [Int]
    /// Day number of the first move-in (`Int.max`: no lease).
    let firstMoveIn: [Int]
    /// Year of the first move-in (`Int.min`: no lease).
    let moveInYear: [Int]
    /// Day number the tenant became exited (`Int.max`: never).
    let exitDay: [Int]
    let lineMask: [UInt32]
    /// Each lane's reports (its profile's `reports`), read here without going through the profile.
    let reports: [ReportSeries]
    let hasHRLine: [Bool]
    /// Status histories, flattened in the order given: lane i's changes are at
    /// `statusStart[i]..<statusStart[i + 1]`.
    let statusStart: [Int]
    let statusDay: [Int]
    let statusBit: [UInt8]
    /// Rule columns runs computed, for the runs after them.
    let memo = ColumnarMemo()

    init(_ profiles: [TenantProfile]) {
        count = profiles.count
        var firstMonth: [Int] = [], firstMoveIn: [Int] = [], moveInYear: [Int] = [], exitDay: [Int] = []
        var lineMask: [UInt32] = [], hasHRLine: [Bool] = []
        var statusStart: [Int] = [0], statusDay: [Int] = [], statusBit: [UInt8] = []
        firstMonth.reserveCapacity(count)
        firstMoveIn.reserveCapacity(count)
        moveInYear.reserveCapacity(count)
        exitDay.reserveCapacity(count)
        statusStart.reserveCapacity(count + 1)
        for profile in profiles {
            firstMonth.append(profile.firstMonth ?? Int.max)
            firstMoveIn.append(profile.firstMoveIn?.dayNumber ?? Int.max)
            moveInYear.append(profile.firstMoveIn?.year ?? Int.min)
            exitDay.append(profile.exitDate?.dayNumber ?? Int.max)
            lineMask.append(profile.lineMask)
            hasHRLine.append(profile.hasHRLine)
            for change in profile.statusChanges {
                statusDay.append(change.on.dayNumber)
                statusBit.append(change.to.columnBit)
            }
            statusStart.append(statusDay.count)
        }
        self.firstMonth = firstMonth
        self.firstMoveIn = firstMoveIn
        self.moveInYear = moveInYear
        self.exitDay = exitDay
        self.lineMask = lineMask
        reports = profiles.map(\.reports)
        self.hasHRLine = hasHRLine
        self.statusStart = statusStart
        self.statusDay = statusDay
        self.statusBit = statusBit
    }

    /// The status bit of lane `lane` on day number `day`: its last change on or before it, in
    /// the order given (as `TenantProfile.status(on:)`), else applicant.
    func status(_ lane: Int, on day: Int) -> UInt8 {
        var index = statusStart[lane + 1]
        while index > statusStart[lane] {
            index -= 1
            if statusDay[index] <= day { return statusBit[index] }
        }
        return TenantStatus.applicant.columnBit
    }

    /// The statuses lane `lane` has on the days a status-reading condition is evaluated in
    /// `first...last` (day numbers): the first day and each day of a change after it.
    func statusesSeen(_ lane: Int, from first: Int, to last: Int) -> UInt8 {
        var seen = status(lane, on: first)
        for index in statusStart[lane]..<statusStart[lane + 1] where first < statusDay[index] && statusDay[index] <= last {
            seen |= status(lane, on: statusDay[index])
        }
        return seen
    }
}
