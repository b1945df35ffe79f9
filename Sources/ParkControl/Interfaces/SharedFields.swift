/// Fields that types of more than one interface hold, each with its comment. A Varlink interface
/// cannot name another interface's types, so each that needs these writes them out, from here:
/// one wording for a figure wherever it is shown.
enum SharedFields {
    /// What a firm did in a month, counted, as its operating report gives it (its headcount,
    /// staff on a day, is not among them).
    static let reportFlows = [
        ("Employer firms served.", "employersServed"), ("Workers dispatched to employers.", "workersDispatched"),
        ("Workers on outsourced work.", "workersOutsourced"), ("Job seekers served.", "jobSeekersServed"),
        ("People placed in jobs.", "placements"), ("Training sessions held.", "trainingSessions"),
        ("People who attended them.", "trainingAttendees"), ("PhD-level staff hired.", "phdHires"),
    ]

    /// What an event achieved, counted.
    static let eventOutcome = [
        ("Employers that attended.", "employers"), ("Positions offered.", "positions"), ("Job seekers served.", "jobSeekers"),
        ("Attendees (person-times).", "attendees"), ("Talks given.", "talks"), ("Parks, firms and institutions exhibiting.", "exhibitors"),
    ]

    /// `fields` as lines of a type or of a method's parameters, each an `int` (`?int` when
    /// `optional`) after its comment, indented for a place in a definition two spaces in; no
    /// comma after the last, which the definition writes when more fields follow.
    static func lines(_ fields: [(comment: String, name: String)], optional: Bool = false) -> String {
        fields.map { "# \($0.comment)\n  \($0.name): \(optional ? "?" : "")int" }.joined(separator: ",\n  ")
    }
}
