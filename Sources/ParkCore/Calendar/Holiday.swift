import MemberwiseInit

/// A holiday of the State Council's schedule: the days off from `first` to `last`, weekend days
/// inside them included, as the notice states them. Made with the days as given;
/// `HolidaySchedule` checks them against each other and its year.
@MemberwiseInit
public struct Holiday: Hashable, Sendable {
    /// The English name, such as "National Day".
    public let name: String
    /// The Chinese name, such as "国庆节".
    public let chineseName: String
    public let first: CivilDate
    public let last: CivilDate

    /// Every day off, first to last.
    public var dates: [CivilDate] {
        first > last ? [] : (first.dayNumber...last.dayNumber).map(CivilDate.init(dayNumber:))
    }

    public func contains(_ date: CivilDate) -> Bool { first <= date && date <= last }

    /// The days off that would otherwise be working days (Monday to Friday).
    public var weekdaysOff: Int { dates.count { !$0.weekday.isWeekend } }

    /// `2021-10-01 to 2021-10-07`, or the one day.
    public var span: String { first == last ? first.description : "\(first) to \(last)" }
}
