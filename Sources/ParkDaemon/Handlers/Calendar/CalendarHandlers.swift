import Foundation
import ParkControl
import ParkCore

/// `io.parkd.Calendar`.
enum CalendarHandlers {
    static func register(in table: inout MethodTable, calendar: CalendarRegistry, state: DaemonState, zones: ZoneInfoDirectory = ZoneInfoDirectory()) {
        table.add(CalendarAPI.interface)

        table.register(CalendarAPI.get) { request, _ in
            try DomainError.checkYear(request.year)
            let schedule = try calendar.calendar.schedule(of: request.year)
            return CalendarAPI.GetReply(
                year: schedule.year, workingDays: schedule.workingDays.count, weekdays: schedule.weekdays,
                weekdaysOff: schedule.weekdaysOff, holidays: schedule.holidays.map(wire), swappedWorkingDays: schedule.swappedWorkingDays.map(wire))
        }

        table.register(CalendarAPI.addWorkingDays) { request, _ in
            let date = try CivilDate.parse(request.date, field: "date")
            let count = try calendar.calendar.counting(workingDays: request.days, after: date)
            return CalendarAPI.AddWorkingDaysReply(
                date: count.start.description, days: count.workingDays, result: count.result.description,
                holidays: count.holidaysPassed.map(wire), swappedWorkingDays: count.swappedWorkingDays.map(wire))
        }

        table.register(CalendarAPI.next, runs: .offEventLoop) { request, _ in
            let iterations = request.iterations ?? 1
            guard (1...1000).contains(iterations) else {
                throw DomainError.invalid("iterations", "\(iterations) is not a count of elapses from 1 to 1000")
            }
            let base = try request.baseTime.map(baseTime) ?? Int64((state.now().timeIntervalSince1970 * 1_000_000).rounded(.down))
            let display = try zones.displayRules(named: request.displayTimeZone ?? "UTC", field: "displayTimeZone")
            let spec = try CalendarSpec.parse(request.expression, isTimeZone: zones.isZone)
            let zoneName = spec.isUTC ? "UTC" : spec.timeZone ?? state.config.timeZone
            let zone = try zones.rules(named: zoneName, field: spec.timeZone == nil ? "park.time_zone" : "expression")
            var elapses: [CalendarAPI.Elapse] = []
            for elapse in spec.elapses(after: base, count: iterations, in: zone) {
                switch elapse {
                case .at(let instant):
                    elapses.append(CalendarAPI.Elapse(instant: instant, local: display.timestamp(instant), utc: UTCRules().timestamp(instant)))
                case .never:
                    break
                case .searchGaveUp:
                    throw DomainError.invalid(
                        "expression", "the search for the next elapse of '\(spec.normalized)' gave up after 1000 steps, as systemd's does")
                }
            }
            return CalendarAPI.NextReply(original: request.expression, normalized: spec.normalized, timeZone: zoneName, elapses: elapses)
        }
    }

    /// `@SECONDS`, with up to six decimals, in microseconds since the epoch.
    static func baseTime(_ text: String) throws(DomainError) -> Int64 {
        let parts = text.dropFirst().split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard text.hasPrefix("@"), let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCII),
              let seconds = Int64(whole), seconds >= 0,
              parts.count == 1 || (1...6).contains(parts[1].count) && parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError.invalid("baseTime", "'\(text)' is not a time as @SECONDS since the epoch, such as @1767225600")
        }
        let fraction = parts.count == 2 ? Int64(parts[1] + String(repeating: "0", count: 6 - parts[1].count)) ?? 0 : 0
        return seconds * 1_000_000 + fraction
    }

    static func wire(_ holiday: Holiday) -> CalendarAPI.Holiday {
        CalendarAPI.Holiday(
            name: holiday.name, chineseName: holiday.chineseName, from: holiday.first.description, to: holiday.last.description,
            days: holiday.dates.count, weekdaysOff: holiday.weekdaysOff)
    }

    static func wire(_ day: SwappedWorkingDay) -> CalendarAPI.SwappedWorkingDay {
        CalendarAPI.SwappedWorkingDay(day: day.day.description, weekday: day.day.weekday.description, makesUpFor: day.makesUpFor)
    }
}
