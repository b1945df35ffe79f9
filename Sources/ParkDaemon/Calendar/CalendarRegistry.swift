import Foundation
import Logging
import ParkCore
import Synchronization

/// The working-day calendar in force. Read from the calendar directory at start and on every
/// reload, like the policy directory: a directory with any bad file is refused whole, with
/// every problem, and the calendar in force stays (at start: none). A missing or empty
/// directory covers no year, so every count of working days is refused naming its year.
final class CalendarRegistry: Sendable {
    private let inForce = Mutex(WorkingDayCalendar.empty)

    var calendar: WorkingDayCalendar { inForce.withLock { $0 } }

    /// Reads every schedule file of `directory` (none when it is missing) into one calendar.
    static func read(directory: String) throws(CalendarProblems) -> WorkingDayCalendar {
        let paths: [String]
        do {
            paths = try YAMLDirectory(path: directory, name: "calendar directory").files()
        } catch {
            throw CalendarProblems([ConfigError(file: directory, line: nil, column: nil, key: nil, reason: error.message)])
        }
        var schedules: [(file: String, schedule: HolidayScheduleFile.Located<HolidaySchedule>)] = []
        var problems: [ConfigError] = []
        for path in paths {
            let text: String
            do { text = try YAMLDirectory.text(ofFile: path) } catch {
                problems.append(ConfigError(file: path, line: nil, column: nil, key: nil, reason: error.message))
                continue
            }
            do { schedules.append((path, try HolidayScheduleFile.read(text, file: path))) } catch { problems += error.problems }
        }
        guard problems.isEmpty else { throw CalendarProblems(problems) }
        do {
            return try WorkingDayCalendar(schedules.map(\.schedule.value))
        } catch {
            // A year given twice (2021.yaml and 2021.yml): every file giving it is named.
            throw CalendarProblems(error.problems.flatMap { problem in
                schedules.filter { $0.schedule.value.year == problem.year }.map { file, schedule in
                    YAMLNodeReader(file: file).error(schedule.node, key: "year", problem.reason)
                }
            })
        }
    }

    /// Puts the directory's calendar in force; when it is refused, keeps the one in force and
    /// returns the problems.
    @discardableResult
    func load(directory: String, logger: Logger) -> String? {
        do {
            install(try Self.read(directory: directory), directory: directory, logger: logger)
            return nil
        } catch {
            refuse(error, directory: directory, logger: logger)
            return error.description
        }
    }

    /// Puts in force the calendar read from `directory`.
    func install(_ calendar: WorkingDayCalendar, directory: String, logger: Logger) {
        let previous = inForce.withLock { current in
            defer { current = calendar }
            return current
        }
        if calendar.years.isEmpty {
            logger.warning("no working-day calendar: every count of working days is refused until holiday schedules are loaded", metadata: [
                "directory": "\(directory)", "reason": "\(YAMLDirectory(path: directory, name: "calendar directory").emptiness)",
            ])
        } else if calendar != previous {
            logger.notice("working-day calendar loaded", metadata: NotableEvent.calendarLoaded.metadata([
                "directory": "\(directory)", "years": "\(Self.describe(calendar.years))",
            ]))
        }
    }

    /// Notes a calendar directory refused: logged; the calendar in force stays.
    func refuse(_ problems: CalendarProblems, directory: String, logger: Logger) {
        logger.error("calendar files refused; the calendar in force stays", metadata: NotableEvent.calendarRejected.metadata([
            "directory": "\(directory)", "problems": "\(problems)",
        ]))
    }

    /// `2018–2026`, runs of consecutive years joined: `2018–2020, 2022`.
    static func describe(_ years: [Int]) -> String {
        var runs: [ClosedRange<Int>] = []
        for year in years.sorted() {
            if let last = runs.last, last.upperBound + 1 == year {
                runs[runs.count - 1] = last.lowerBound...year
            } else {
                runs.append(year...year)
            }
        }
        return runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }
}
