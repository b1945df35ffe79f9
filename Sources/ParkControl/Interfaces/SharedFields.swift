/// Fields that types of more than one interface hold, each with its comment. A Varlink interface
/// cannot name another interface's types, so each that needs these writes them out, from here:
/// one wording for a field wherever it is shown.
enum SharedFields {
    /// What a firm did in a month, counted, as its operating report gives it (its headcount,
    /// staff on a day, is not among them).
    static let reportFlows = [
        ("Employer firms served", "employersServed"), ("Workers dispatched to employers", "workersDispatched"),
        ("Workers on outsourced work", "workersOutsourced"), ("Job seekers served", "jobSeekersServed"),
        ("People placed in jobs", "placements"), ("Training sessions held", "trainingSessions"),
        ("People who attended them", "trainingAttendees"), ("PhD-level staff hired", "phdHires"),
    ]

    /// What an event achieved, counted.
    static let eventOutcome = [
        ("Employers that attended", "employers"), ("Positions offered", "positions"), ("Job seekers served", "jobSeekers"),
        ("Attendees (person-times)", "attendees"), ("Talks given", "talks"), ("Parks, firms and institutions exhibiting", "exhibitors"),
    ]

    /// A firm's contacts and licences, which its application form and then its tenant hold
    /// (ParkCore's `FirmParticulars`).
    static let firmContacts = [
        ("Contact person", "contactPerson"), ("Contact phone", "contactPhone"),
        ("Labour dispatch licence number (劳务派遣经营许可证)", "dispatchLicence"),
        ("HR service licence number (人力资源服务许可证)", "hrServiceLicence"),
    ]

    /// `fields` as lines of a type or of a method's parameters, each of `type` after its comment
    /// (the comment, then `note`, then a full stop), indented for a place in a definition two
    /// spaces in; no comma after the last, which the definition writes when more fields follow.
    static func lines(_ fields: [(comment: String, name: String)], type: String = "int", note: String = "") -> String {
        fields.map { "# \($0.comment)\(note).\n  \($0.name): \(type)" }.joined(separator: ",\n  ")
    }
}
