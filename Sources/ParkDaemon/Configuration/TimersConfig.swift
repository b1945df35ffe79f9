import ParkCore
import Yams

extension ConfigLoader {
    /// The `timers:` list: each timer's name, calendar expressions, action and arguments,
    /// checked whole. A problem names the timer and the field (`timers.nightly-backup.on_calendar`).
    static func timers(_ node: Node, reader: YAMLNodeReader, zones: ZoneInfoDirectory = ZoneInfoDirectory()) throws(ConfigError) -> [TimerDefinition] {
        var timers: [TimerDefinition] = []
        for (index, item) in try reader.sequence(node, key: "timers").enumerated() {
            let pairs = try reader.mapping(item, path: "timers[\(index)]")
            guard let nameNode = pairs.first(where: { $0.0 == "name" })?.1 else {
                throw reader.error(item, key: "timers[\(index)].name", "is missing: every timer has a name")
            }
            let name = try reader.string(nameNode, key: "timers[\(index)].name")
            guard TimerDefinition.isValidName(name) else {
                throw reader.error(nameNode, key: "timers[\(index)].name", "'\(name)' is not a timer name: 1 to 64 letters, digits, - and _")
            }
            let path = "timers.\(name)"
            guard !timers.contains(where: { $0.name == name }) else {
                throw reader.error(nameNode, key: "\(path).name", "is given to more than one timer")
            }
            var calendars: [CalendarSpec] = []
            var actionName: String?
            var arguments: (node: Node, values: [String: Int])?
            var timer = TimerDefinition(name: name, calendars: [], action: .optimize)
            var onHolidayNode: Node?
            for (key, value, keyNode) in pairs {
                let field = "\(path).\(key)"
                switch key {
                case "name": break
                case "on_calendar":
                    let expressions = value.sequence.map(Array.init) ?? [value]
                    guard !expressions.isEmpty else { throw reader.error(value, key: field, "lists no calendar expression") }
                    for expression in expressions {
                        let text = try reader.string(expression, key: field)
                        do {
                            calendars.append(try CalendarSpec.parse(text, isTimeZone: zones.isZone))
                        } catch {
                            throw reader.error(expression, key: field, "'\(text)' is not a calendar expression: \(error.reason)")
                        }
                    }
                case "action":
                    let text = try reader.string(value, key: field)
                    guard TimerAction.names.contains(text) else {
                        throw reader.error(value, key: field, "'\(text)' is not an action; use one of \(TimerAction.names.joined(separator: ", "))")
                    }
                    actionName = text
                case "arguments":
                    var values: [String: Int] = [:]
                    for (argument, argumentValue, _) in try reader.mapping(value, path: field) {
                        values[argument] = Int(try reader.string(argumentValue, key: "\(field).\(argument)"))
                            ?? Int.min
                    }
                    arguments = (value, values)
                case "persistent": timer.persistent = try reader.boolean(value, key: field)
                case "working_days_only": timer.workingDaysOnly = try reader.boolean(value, key: field)
                case "on_holiday":
                    let text = try reader.string(value, key: field)
                    guard let rule = HolidayRule(rawValue: text) else {
                        throw reader.error(value, key: field, "'\(text)' is not a rule for days off; use skip or next-working-day")
                    }
                    timer.onHoliday = rule
                    onHolidayNode = value
                case "accuracy":
                    let text = try reader.string(value, key: field)
                    guard let span = TimeSpan.parse(text), span >= 1, span <= 86_400_000_000 else {
                        throw reader.error(value, key: field, "'\(text)' is not a time span from 1us to 1d, such as 1min or 30s")
                    }
                    timer.accuracy = span
                default: throw reader.unknown(keyNode, key: field)
                }
            }
            guard !calendars.isEmpty else { throw reader.error(item, key: "\(path).on_calendar", "is missing: when the timer elapses") }
            guard let actionName else { throw reader.error(item, key: "\(path).action", "is missing: what the timer does") }
            let parameters = TimerAction.parameters(of: actionName)
            for (argument, value) in arguments?.values ?? [:] {
                let field = "\(path).arguments.\(argument)"
                guard let parameter = parameters.first(where: { $0.name == argument }) else {
                    let known = parameters.isEmpty ? "it takes none" : "it takes \(parameters.map(\.name).joined(separator: ", "))"
                    throw reader.error(arguments!.node, key: field, "is not an argument of \(actionName): \(known)")
                }
                guard parameter.range.contains(value) else {
                    throw reader.error(
                        arguments!.node, key: field,
                        "must be a whole number from \(parameter.range.lowerBound) to \(parameter.range.upperBound)")
                }
            }
            if let onHolidayNode, !timer.workingDaysOnly {
                throw reader.error(onHolidayNode, key: "\(path).on_holiday", "applies only with working_days_only: true")
            }
            timer.calendars = calendars
            timer.action = TimerAction.make(actionName, arguments: arguments?.values ?? [:]) ?? .optimize
            timers.append(timer)
        }
        return timers
    }
}
