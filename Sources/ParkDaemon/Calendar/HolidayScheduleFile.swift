import Foundation
import ParkCore
import Yams

/// A file of the calendar directory: one year of the State Council's holiday schedule, named
/// after its year (`2021.yaml`).
///
/// ```yaml
/// year: 2021
/// holidays:                 # the days off, first to last, weekend days inside included
///   - name: National Day
///     chinese: 国庆节
///     from: 2021-10-01
///     to: 2021-10-07
/// working_days:             # the Saturdays and Sundays worked (调休)
///   - day: 2021-10-09
///     for: National Day
/// ```
///
/// Read strictly, like the configuration: every problem is reported with its file, line,
/// column and key, the schedule's own checks (`HolidaySchedule`) included.
enum HolidayScheduleFile {
    /// The schedule, at its `year:` value.
    static func read(_ text: String, file: String) throws(CalendarProblems) -> Located<HolidaySchedule> {
        let reader = YAMLNodeReader(file: file)
        let root: Node
        do throws(ConfigError) {
            guard let document = try reader.compose(text) else {
                throw ConfigError(file: file, line: nil, column: nil, key: nil, reason: "is empty; a schedule gives year, holidays and working_days")
            }
            root = document
        } catch {
            throw CalendarProblems([error])
        }
        let document = Document(reader: reader)
        document.read(root)
        guard document.problems.isEmpty, let year = document.year, let holidays = document.holidays, let workingDays = document.workingDays else {
            throw CalendarProblems(document.problems)
        }
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard stem == String(year.value) else {
            throw CalendarProblems([reader.error(
                year.node, key: "year", "\(year.value) is not the year of \((file as NSString).lastPathComponent); name each file after its year (\(year.value).yaml)")])
        }
        do {
            let schedule = try HolidaySchedule(
                year: year.value, holidays: holidays.map(\.value), swappedWorkingDays: workingDays.map(\.value))
            return Located(value: schedule, node: year.node)
        } catch {
            throw CalendarProblems(error.problems.map { problem in
                switch problem.entry {
                case .year: reader.error(year.node, key: "year", problem.reason)
                case .holiday(let index): holidays[index].error(reader, list: "holidays", problem)
                case .workingDay(let index): workingDays[index].error(reader, list: "working_days", problem)
                }
            })
        }
    }

    /// A value read from the file and the node it stands at.
    struct Located<Value> {
        let value: Value
        let node: Node
        /// The nodes of an entry's fields, by key.
        var fields: [String: Node] = [:]

        /// A problem of this entry, at the field it names.
        func error(_ reader: YAMLNodeReader, list: String, _ problem: ScheduleProblem) -> ConfigError {
            reader.error(fields[problem.field] ?? node, key: "\(list).\(problem.field)", problem.reason)
        }
    }

    /// The file's three keys, read with every problem collected.
    private final class Document {
        let reader: YAMLNodeReader
        var year: Located<Int>?
        var holidays: [Located<Holiday>]?
        var workingDays: [Located<SwappedWorkingDay>]?
        var problems: [ConfigError] = []

        init(reader: YAMLNodeReader) { self.reader = reader }

        func read(_ root: Node) {
            guard let pairs = collect({ () throws(ConfigError) in try reader.mapping(root, path: nil) }) else { return }
            for (key, value, keyNode) in pairs {
                switch key {
                case "year":
                    year = collect { () throws(ConfigError) in Located(value: try reader.integer(value, key: key, range: 1...9999), node: value) }
                case "holidays":
                    holidays = entries(value, list: key, keys: ["name", "chinese", "from", "to"]).compactMap { entry in
                        guard let from = date(entry, "from", list: key), let to = date(entry, "to", list: key) else { return nil }
                        let holiday = Holiday(name: entry.value["name"] ?? "", chineseName: entry.value["chinese"] ?? "", first: from, last: to)
                        return Located(value: holiday, node: entry.node, fields: entry.fields)
                    }
                case "working_days":
                    workingDays = entries(value, list: key, keys: ["day", "for"]).compactMap { entry in
                        guard let day = date(entry, "day", list: key) else { return nil }
                        return Located(value: SwappedWorkingDay(day: day, makesUpFor: entry.value["for"] ?? ""), node: entry.node, fields: entry.fields)
                    }
                default:
                    problems.append(reader.unknown(keyNode, key: key))
                }
            }
            for (key, found) in [("year", year != nil), ("holidays", holidays != nil), ("working_days", workingDays != nil)] where !found {
                if !problems.contains(where: { $0.key == key }) {
                    problems.append(reader.error(root, key: key, "is missing"))
                }
            }
        }

        /// The entries of a list, each a mapping of exactly `keys` to single values.
        private func entries(_ node: Node, list: String, keys: [String]) -> [Located<[String: String]>] {
            guard let items = collect({ () throws(ConfigError) in try reader.sequence(node, key: list) }) else { return [] }
            return items.compactMap { item in
                collect { () throws(ConfigError) in
                    var values: [String: String] = [:], fields: [String: Node] = [:]
                    for (key, value, keyNode) in try reader.mapping(item, path: list) {
                        guard keys.contains(key) else { throw reader.unknown(keyNode, key: "\(list).\(key)") }
                        values[key] = try reader.string(value, key: "\(list).\(key)")
                        fields[key] = value
                    }
                    if let missing = keys.first(where: { values[$0] == nil }) {
                        throw reader.error(item, key: "\(list).\(missing)", "is missing")
                    }
                    return Located(value: values, node: item, fields: fields)
                }
            }
        }

        private func date(_ entry: Located<[String: String]>, _ key: String, list: String) -> CivilDate? {
            guard let text = entry.value[key], let node = entry.fields[key] else { return nil }
            do {
                return try CivilDate.parse(text, field: key)
            } catch {
                problems.append(reader.error(node, key: "\(list).\(key)", error.reason))
                return nil
            }
        }

        private func collect<T>(_ body: () throws(ConfigError) -> T) -> T? {
            do {
                return try body()
            } catch {
                problems.append(error)
                return nil
            }
        }
    }
}
