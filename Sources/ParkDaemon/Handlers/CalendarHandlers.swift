import ParkControl
import ParkCore

/// `io.parkd.Calendar`.
enum CalendarHandlers {
    static func register(in table: inout MethodTable, calendar: CalendarRegistry) {
        table.add(CalendarAPI.interface)

        table.register(CalendarAPI.get) { request, _ in
            guard (1...9999).contains(request.year) else {
                throw DomainError.invalid("year", "\(request.year) is not a year; give it in four digits, such as 2021")
            }
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
