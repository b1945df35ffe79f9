import MemberwiseInit

/// Seats occupied on a day out of all incubator seats, and the projects incubating that day.
@MemberwiseInit
public struct IncubatorOccupancy: Equatable, Sendable {
    public var seats: Int
    public var occupied: Int
    public var projects: Int
    /// PhD-level talents linked to the projects incubating that day (the sum of their `phdCount`).
    public var phdTalents: Int

    public static func on(_ day: CivilDate, projects: [IncubatorProject], seats: Int) -> IncubatorOccupancy {
        let present = projects.filter { $0.isIncubating(on: day) }
        return IncubatorOccupancy(
            seats: seats, occupied: Set(present.flatMap(\.seatIDs)).count, projects: present.count,
            phdTalents: present.reduce(0) { $0 + $1.phdCount })
    }

    /// Occupied ÷ seats as a percentage with two decimals, rounded half-up.
    public var percent: String {
        guard seats > 0 else { return "0.00" }
        return DecimalText.format(Int64(occupied * 10_000).dividedRoundingHalfUp(by: Int64(seats)), places: 2)
    }
}
