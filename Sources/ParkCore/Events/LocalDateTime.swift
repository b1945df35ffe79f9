/// A wall-clock time to the minute, in no particular zone: `2021-03-20T09:00`.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    /// Minutes after midnight, 0 to 1439.
    public let minuteOfDay: Int

    public init?(date: CivilDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.minuteOfDay = hour * 60 + minute
    }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }

    /// `2021-03-20T09:00` or `2021-03-20 09:00`.
    public static func parse(_ text: String, field: String) throws(DomainError) -> LocalDateTime {
        let problem = DomainError.invalid(field, "'\(text)' is not a date and time in the form YYYY-MM-DDTHH:MM, such as 2021-03-20T09:00")
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":") else {
            throw problem
        }
        let date: CivilDate
        // In the form, but not a day (2026-02-30): said as every other day is.
        do { date = try CivilDate.parse(String(decoding: bytes[0..<10], as: UTF8.self), field: field) } catch {
            throw .invalid(field, "'\(text)': \(error.reason)")
        }
        let digits = { (range: Range<Int>) -> Int? in
            bytes[range].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ? Int(String(decoding: bytes[range], as: UTF8.self)) : nil
        }
        guard let hour = digits(11..<13), let minute = digits(14..<16), let time = LocalDateTime(date: date, hour: hour, minute: minute) else {
            throw problem
        }
        return time
    }

    /// Parses a time parkd is to record (an event's start, end, registration window): `parse`,
    /// then a year of `CivilDate.recordedYears`.
    public static func parseRecorded(_ text: String, field: String) throws(DomainError) -> LocalDateTime {
        let time = try parse(text, field: field)
        try CivilDate.checkRecorded(year: time.date.year, text: text, field: field)
        return time
    }

    /// Seconds from 1970-01-01T00:00 on the same wall clock.
    public var localSeconds: Int64 { Int64(date.dayNumber) * 86_400 + Int64(minuteOfDay) * 60 }

    /// What the clocks of `rules` show at `instant` (seconds since the epoch), to the minute.
    public init(instant: Int64, in rules: some TimeZoneRules) {
        self.init(localSeconds: instant + Int64(rules.localTimeType(at: instant).utcOffset))
    }

    /// The wall-clock time `localSeconds` after 1970-01-01T00:00.
    public init(localSeconds: Int64) {
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        date = CivilDate(dayNumber: Int(days))
        minuteOfDay = Int((localSeconds - days * 86_400) / 60)
    }

    /// The instant (seconds since the epoch) this wall-clock time names in a zone. In a fold
    /// the earlier instant; in a gap, the time moved forward by the gap (as clocks are).
    public func instant(in rules: some TimeZoneRules) -> Int64 {
        // In a fold both instants show it: the earlier wins. In a gap none does: the offset
        // before the gap is taken.
        instantsShowing(in: rules).min() ?? localSeconds - rules.localTimeType(at: localSeconds - 86_400).utcOffset
    }

    /// The instants at which the clocks of `rules` show this time: one, two in a fold, none in
    /// the hour skipped when they go forward. Each is this time less an offset in force a day
    /// either side.
    private func instantsShowing(in rules: some TimeZoneRules) -> [Int64] {
        let local = localSeconds
        let offsets = [rules.localTimeType(at: local - 86_400).utcOffset, rules.localTimeType(at: local + 86_400).utcOffset]
        return offsets.map { local - $0 }.filter { rules.localTimeType(at: $0).utcOffset == local - $0 }
    }

    /// Whether the clocks of `rules` ever show this time: not in the hour skipped when they
    /// go forward.
    public func exists(in rules: some TimeZoneRules) -> Bool { !instantsShowing(in: rules).isEmpty }

    /// The same day and time `days` later.
    public func adding(days: Int) -> LocalDateTime { LocalDateTime(localSeconds: localSeconds + Int64(days) * 86_400) }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.localSeconds < rhs.localSeconds }

    public var description: String {
        "\(date)T\(CalendarComponent.padded(hour, 2)):\(CalendarComponent.padded(minute, 2))"
    }
}

extension CivilDate {
    /// The instant (seconds since the epoch) this day starts in a zone: its midnight, or, on a
    /// day whose clocks skip midnight, the first moment they show.
    public func start(in rules: some TimeZoneRules) -> Int64 {
        LocalDateTime(date: self, hour: 0, minute: 0)!.instant(in: rules)
    }
}
