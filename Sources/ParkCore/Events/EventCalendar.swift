import MemberwiseInit

/// The park's events as an iCalendar file (RFC 5545) that calendar applications read as the
/// park means it: a stable UID per event, DTSTAMP from its last change, SEQUENCE raised on every
/// change a calendar shows, STATUS:CANCELLED, a series as RRULE with an EXDATE for every day it
/// gives that is out (exceptions and days the park does not work) and a RECURRENCE-ID component
/// for each moved or retitled occurrence, each of another exact length than the first (across a
/// change of the clocks) and, in a series cancelled after some occurrences were held, for each
/// one called off (STATUS:CANCELLED), and a VTIMEZONE for every TZID used.
@MemberwiseInit
public struct EventCalendar: Sendable {
    /// An event with its occurrences and when it last changed (RFC 3339, UTC).
    @MemberwiseInit
    public struct Entry: Sendable {
        public var event: ParkEvent
        public var occurrences: [EventOccurrence]
        public var updatedAt: String
    }

    public var entries: [Entry]
    /// The rules of every zone the events use, by name.
    public var zones: [String: any TimeZoneRules]
    /// The right-hand side of every UID: `event-7@parkd`.
    public var uidDomain: String = "parkd"

    /// The whole file, CRLF line ends, every line folded at 75 octets.
    public func text(productVersion: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//parkd//parkd \(productVersion)//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let used = Set(entries.map(\.event.timeZone))
        for zone in used.sorted() {
            let spans = entries.filter { $0.event.timeZone == zone }
            let first = spans.flatMap(\.occurrences).map(\.startsAt).min() ?? 0
            let last = spans.flatMap(\.occurrences).map(\.endsAt).max() ?? 0
            lines += timeZoneComponent(zone, from: first, to: last)
        }
        for entry in entries { lines += components(entry) }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.folded).joined()
    }

    // MARK: Events

    func components(_ entry: Entry) -> [String] {
        let event = entry.event
        let zone = event.timeZone
        var master = common(entry, summary: event.title, start: event.start, end: event.end, cancelled: event.isCalledOff)
        if let rule = event.recurrence {
            let rules = zones[zone] ?? UTCRules()
            let until = LocalDateTime(localSeconds: LocalDateTime(date: rule.until, hour: event.start.hour, minute: event.start.minute)!.instant(in: rules))
            var parts = ["FREQ=\(rule.frequency == .daily ? "DAILY" : "WEEKLY")"]
            if rule.interval != 1 { parts.append("INTERVAL=\(rule.interval)") }
            if rule.frequency == .weekly {
                let days = rule.weekdays.isEmpty ? [event.start.date.weekday] : rule.weekdays
                parts.append("BYDAY=" + days.sorted { $0.rawValue < $1.rawValue }.map(Self.weekdayCode).joined(separator: ","))
                parts.append("WKST=MO")
            }
            parts.append("UNTIL=\(Self.utc(until))")
            master.append("RRULE:" + parts.joined(separator: ";"))
            let kept = Set(entry.occurrences.map(\.day))
            let out = rule.ruleDays(from: event.start.date).filter { !kept.contains($0) }
            for day in out {
                master.append("EXDATE;TZID=\(zone):\(Self.local(LocalDateTime(date: day, hour: event.start.hour, minute: event.start.minute)!))")
            }
        }
        var components = ["BEGIN:VEVENT"] + master + ["END:VEVENT"]
        if event.recurrence != nil {
            // Moved or retitled, or called off when the series, partly held, was cancelled; or
            // of another length than the first across a change of the clocks: RFC 5545 gives
            // every occurrence of an RRULE the first's exact length, parkd the same wall-clock
            // hours (22:00–04:00 is 5 hours on the night the clocks go forward, 6 after).
            let length = event.endsAt - event.startsAt
            for occurrence in entry.occurrences
            where occurrence.isChanged || event.isCalledOff(occurrence) && !event.isCalledOff || occurrence.endsAt - occurrence.startsAt != length {
                var lines = common(entry, summary: occurrence.title, start: occurrence.start, end: occurrence.end,
                                   cancelled: event.isCalledOff(occurrence))
                let original = LocalDateTime(date: occurrence.day, hour: event.start.hour, minute: event.start.minute)!
                lines.insert("RECURRENCE-ID;TZID=\(zone):\(Self.local(original))", at: 2)
                components += ["BEGIN:VEVENT"] + lines + ["END:VEVENT"]
            }
        }
        return components
    }

    /// The properties every component of an event has.
    func common(_ entry: Entry, summary: String, start: LocalDateTime, end: LocalDateTime, cancelled: Bool) -> [String] {
        let event = entry.event
        var lines = [
            "UID:event-\(event.id ?? 0)@\(uidDomain)", "DTSTAMP:\(Self.stamp(entry.updatedAt))",
            "DTSTART;TZID=\(event.timeZone):\(Self.local(start))", "DTEND;TZID=\(event.timeZone):\(Self.local(end))",
            "SEQUENCE:\(event.sequence)", "SUMMARY:\(ICalendarText.escaped(summary))",
        ]
        if let description = event.description { lines.append("DESCRIPTION:\(ICalendarText.escaped(description))") }
        if let place = event.venue ?? event.link { lines.append("LOCATION:\(ICalendarText.escaped(place))") }
        if let link = event.link { lines.append("URL:\(link)") }
        lines.append("CATEGORIES:\(ICalendarText.escaped(event.kind.rawValue))")
        lines.append("STATUS:\(cancelled ? "CANCELLED" : "CONFIRMED")")
        return lines
    }

    // MARK: Time zones

    /// A VTIMEZONE of `zone` from the rules in force at the start of `from`'s year to the end of
    /// `to`'s: an observance at the start, then one per change of offset or abbreviation.
    func timeZoneComponent(_ zone: String, from: Int64, to: Int64) -> [String] {
        let rules = zones[zone] ?? UTCRules()
        // The years the calendar holds (1 to 9999): an event at either end of them is shown
        // with the rules of the nearest year it holds, not refused.
        let years = 1...CivilDate.distantFuture.year
        let firstYear = min(max(LocalDateTime(localSeconds: from).date.year, years.lowerBound), years.upperBound)
        let lastYear = min(max(LocalDateTime(localSeconds: to).date.year, years.lowerBound), years.upperBound)
        let start = Int64(CivilDate(year: firstYear, month: 1, day: 1)!.dayNumber) * 86_400
        let end = lastYear == years.upperBound
            ? Int64(CivilDate.distantFuture.dayNumber + 1) * 86_400
            : Int64(CivilDate(year: lastYear + 1, month: 1, day: 1)!.dayNumber) * 86_400
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone)"]
        var type = rules.localTimeType(at: start)
        lines += observance(type, from: type, at: LocalDateTime(localSeconds: start + type.utcOffset))
        var t = start
        while t < end {
            let next = min(t + 86_400, end)
            if rules.localTimeType(at: next) != type {
                // The first second of the new type.
                var low = t, high = next
                while high - low > 1 {
                    let middle = (low + high) / 2
                    if rules.localTimeType(at: middle) == type { low = middle } else { high = middle }
                }
                let new = rules.localTimeType(at: high)
                lines += observance(new, from: type, at: LocalDateTime(localSeconds: high + type.utcOffset))
                type = new
            }
            t = next
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    func observance(_ type: LocalTimeType, from previous: LocalTimeType, at onset: LocalDateTime) -> [String] {
        let kind = type.isDaylightSaving ? "DAYLIGHT" : "STANDARD"
        return [
            "BEGIN:\(kind)", "DTSTART:\(Self.local(onset))", "TZOFFSETFROM:\(Self.offset(previous.utcOffset))",
            "TZOFFSETTO:\(Self.offset(type.utcOffset))", "TZNAME:\(ICalendarText.escaped(type.abbreviation))", "END:\(kind)",
        ]
    }

    // MARK: Formats

    /// `20210320T090000` (seconds from the wall clock's minute, always 00).
    static func local(_ time: LocalDateTime) -> String {
        let date = time.date
        return CalendarComponent.padded(date.year, 4) + CalendarComponent.padded(date.month, 2) + CalendarComponent.padded(date.day, 2)
            + "T" + CalendarComponent.padded(time.hour, 2) + CalendarComponent.padded(time.minute, 2) + "00"
    }

    /// A UTC wall clock as `20210320T010000Z`.
    static func utc(_ time: LocalDateTime) -> String { local(time) + "Z" }

    /// An RFC 3339 instant (`2026-12-02T15:52:11.904Z`) as `20261202T155211Z`.
    static func stamp(_ instant: String) -> String {
        let digits = instant.prefix(19).filter { $0.isNumber }
        return digits.count == 14 ? String(digits.prefix(8)) + "T" + String(digits.suffix(6)) + "Z" : "19700101T000000Z"
    }

    /// `+0800`, `-0330`, `+053328` (seconds when the offset has them).
    static func offset(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = sign + CalendarComponent.padded(Int(magnitude / 3600), 2) + CalendarComponent.padded(Int(magnitude % 3600 / 60), 2)
        return magnitude % 60 == 0 ? text : text + CalendarComponent.padded(Int(magnitude % 60), 2)
    }

    static func weekdayCode(_ day: Weekday) -> String {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.rawValue - 1]
    }
}
