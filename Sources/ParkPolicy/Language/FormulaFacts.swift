import ParkCore

/// The facts a formula reads by name, about the tenant on the day evaluated and the period.
enum FormulaFacts {
    static let names = [
        "day", "period_start", "period_end", "days_in_month", "days_in_period", "lease_year", "months_since_move_in",
        "first_move_in", "moved_in", "exited", "exit_date", "has_hr_line", "office_area",
    ]

    static let windows: [String: Window] = [
        "this_month": .thisMonth, "this_year": .thisYear, "year_to_date": .yearToDate,
        "previous_year": .previousYear, "earlier_years": .earlierYears,
    ]

    /// The fact called `name`, or nil when there is none.
    static func fact(_ name: String, at: SourcePosition) throws(FormulaError) -> Formula? {
        func fact(_ type: ValueType, _ reads: FormulaReads, _ code: @escaping @Sendable (Evaluation) throws(EvaluationFailure) -> Value) -> Formula {
            Formula(type: type, code: code, reads: reads, references: [])
        }
        switch name {
        case "day":
            return fact(.date, .everyDay) { e in .day(e.day) }
        case "period_start":
            return fact(.date, []) { e in .day(e.period.start) }
        case "period_end":
            return fact(.date, []) { e in .day(e.period.end) }
        case "days_in_month":
            return fact(.count, .calendarMonth) { e in
                let days = CivilDate.daysIn(month: e.day.month, year: e.day.year)
                e.record(.input, "days_in_month", "\(days)", source: "calendar, \(Month(year: e.day.year, month: e.day.month))")
                return .number(Exact(days))
            }
        case "days_in_period":
            return fact(.count, []) { e in .number(Exact(e.period.end.dayNumber - e.period.start.dayNumber + 1)) }
        case "lease_year":
            return fact(.count, .leaseYear) { e in
                let k = e.profile.leaseYear(on: e.day)
                e.record(.input, "lease_year", "\(k)", source: e.profile.firstMoveIn.map { "on \(e.day), counted from the first move-in \($0)" } ?? "no lease yet (0)")
                return .number(Exact(k))
            }
        case "months_since_move_in":
            return fact(.count, .everyDay) { e in
                let months = e.profile.firstMoveIn.map { $0 <= e.day ? $0.wholeMonths(until: e.day) : 0 } ?? 0
                e.record(.input, "months_since_move_in", "\(months)", source: e.profile.firstMoveIn.map { "first move-in \($0)" } ?? "no lease yet (0)")
                return .number(Exact(months))
            }
        case "first_move_in":
            return fact(.date, []) { e throws(EvaluationFailure) in
                guard let day = e.profile.firstMoveIn else {
                    throw EvaluationFailure(position: at, message: "tenant \(e.profile.id) has no lease, so no first move-in; test moved_in first")
                }
                e.record(.input, "first_move_in", "\(day)", source: "start of lease \(e.profile.leases[0].id)")
                return .day(day)
            }
        case "moved_in":
            return fact(.bool, .leases) { e in .flag(e.profile.firstMoveIn.map { $0 <= e.day } ?? false) }
        case "exited":
            return fact(.bool, []) { e in .flag(e.profile.exitDate.map { $0 <= e.period.end } ?? false) }
        case "exit_date":
            return fact(.date, []) { e throws(EvaluationFailure) in
                guard let day = e.profile.exitDate else {
                    throw EvaluationFailure(position: at, message: "tenant \(e.profile.id) has not exited; test exited first")
                }
                e.record(.input, "exit_date", "\(day)", source: "status history of tenant \(e.profile.id)")
                return .day(day)
            }
        case "has_hr_line":
            return fact(.bool, []) { e in
                e.record(.input, "business lines", "\(e.profile.facts.businessLines.joined(separator: ", "))", source: "tenant \(e.profile.id)")
                return .flag(e.profile.hasHRLine)
            }
        case "office_area":
            return fact(.area, .leases) { e in
                let area = Exact(numerator: Int128(e.profile.leasedArea(of: "office", on: e.day)), denominator: 100)
                e.record(.input, "office_area", "\(area) m²", source: "office leases held on \(e.day)")
                return .number(area)
            }
        default:
            return nil
        }
    }
}
