/// An entry review meeting (入驻评审会): a day, a venue, a chair, the applications on its agenda
/// and the panel that reviews them.
public struct ReviewSession: Equatable, Sendable {
    public var id: Int64?
    public var heldOn: CivilDate
    public var venue: String
    /// The chair's name, as the park writes it.
    public var chair: String
    /// Application ids, in the order of the agenda.
    public var agenda: [Int64]
    public var panel: ReviewPanel
    public var status: ReviewSessionStatus

    /// A new session, every field checked; `applications` are the agenda's applications as the
    /// park holds them: each must await review, sit on no other open session's agenda, and have
    /// no final decision in force nor a closed session's result still to be decided. It meets on
    /// or after the day each firm applied, and at most a year after `today` (a session is added
    /// when it is planned; a mistyped year would decide which reviewers' employers count as
    /// conflicts, which look three years back from its day).
    public init(
        heldOn: CivilDate, venue: String, chair: String, agenda: [AgendaCandidate], panel: ReviewPanel, today: CivilDate
    ) throws(DomainError) {
        let latestDay = today.addingYears(1) ?? today
        guard heldOn <= latestDay else {
            throw .invalid("heldOn", "\(heldOn) is more than a year after today (\(today)); a session is added once it is planned, for \(latestDay) at the latest")
        }
        self.venue = try FieldText.text(venue, field: "venue", maxLength: 200)
        self.chair = try FieldText.text(chair, field: "chair", maxLength: 50)
        guard !agenda.isEmpty else { throw .invalid("applications", "give at least one application for the agenda") }
        var seen = Set<Int64>()
        for candidate in agenda {
            if let applied = candidate.appliedOn, heldOn < applied {
                throw .invalid("heldOn", "the session meets on \(heldOn), before application \(candidate.application) was made (\(applied))")
            }
            guard seen.insert(candidate.application).inserted else {
                throw .invalid("applications", "application \(candidate.application) is on the agenda twice")
            }
            if let decided = candidate.decided {
                throw .invalid("applications", "application \(candidate.application) was \(decided.verdict.rawValue) by decision \(decided.decision); only an accepted appeal puts it before a panel again")
            }
            guard candidate.status == .awaitingReview else {
                throw .invalid("applications", "application \(candidate.application) is \(candidate.status.rawValue), not awaiting review")
            }
            if let other = candidate.onSession {
                throw .invalid("applications", "application \(candidate.application) is on the agenda of session \(other) already")
            }
            if let session = candidate.undecidedResult {
                throw .invalid("applications", "application \(candidate.application) has a result of review session \(session) still to be decided (its notice, objections and final decision come first); only a result withdrawn by an upheld objection, or an accepted appeal, puts it before a panel again")
            }
            if let appealed = candidate.appealed {
                try ReviewAppeal.checkPanel(
                    panel, application: candidate.application, firstSession: appealed.session, firstPanel: appealed.panel, field: "panel")
            }
        }
        self.id = nil
        self.heldOn = heldOn
        self.agenda = agenda.map(\.application)
        self.panel = panel
        self.status = .open
    }

    /// Restores a session exactly as stored.
    public init(
        restoring id: Int64, heldOn: CivilDate, venue: String, chair: String, agenda: [Int64], panel: ReviewPanel, status: ReviewSessionStatus
    ) {
        self.id = id
        self.heldOn = heldOn
        self.venue = venue
        self.chair = chair
        self.agenda = agenda
        self.panel = panel
        self.status = status
    }

    /// Refuses to close a session closed already, or before its meeting day: its results come
    /// out of the meeting, not ahead of it.
    public func checkClosable(today: CivilDate) throws(DomainError) {
        guard status == .open else { throw .invalid("session", "session \(id ?? 0) is closed already: its results are final") }
        guard today >= heldOn else {
            throw .invalid("session", "session \(id ?? 0) meets on \(heldOn); it closes on that day or after (today is \(today))")
        }
    }

    /// The session with its panel changed; only an open session's panel changes.
    /// `appealed`: the agenda's applications reopened by an accepted appeal, with the session
    /// whose rejection was appealed and its panel (a majority of whom may not review it again).
    public func changingPanel(
        adding added: [Reviewer], removing removed: [Reviewer], appealed: [Int64: AgendaCandidate.Appealed] = [:]
    ) throws(DomainError) -> ReviewSession {
        guard status == .open else { throw .invalid("session", "session \(id ?? 0) is \(status.rawValue): its panel no longer changes") }
        var changed = self
        changed.panel = try panel.changed(adding: added, removing: removed)
        for (application, first) in appealed.sorted(by: { $0.key < $1.key }) {
            try ReviewAppeal.checkPanel(
                changed.panel, application: application, firstSession: first.session, firstPanel: first.panel, field: added.isEmpty ? "remove" : "add")
        }
        return changed
    }
}
