/// Every problem of a calendar directory; nothing of it is used.
struct CalendarProblems: Error, CustomStringConvertible {
    let problems: [ConfigError]

    init(_ problems: [ConfigError]) { self.problems = problems }

    var description: String { problems.map(\.description).joined(separator: "\n") }
}
