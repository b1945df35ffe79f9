import ArgumentParser
import ParkControl

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Entry review sessions, their panels, and a reviewer's own assignments.",
        subcommands: [
            SessionCommand.self, PanelCommand.self, Assignments.self, AffiliationCommand.self, ConflictCommand.self, Score.self, DissentCommand.self,
            Submissions.self, Result.self, Verify.self, NoticeCommand.self, ObjectionCommand.self, DecisionCommand.self, AppealCommand.self,
        ])

    static func render(_ session: ReviewAPI.Session) -> String {
        var fields = Fields()
        fields.add("Session", String(session.id))
        fields.add("Held on", session.heldOn)
        fields.add("Venue", session.venue)
        fields.add("Chair", session.chair)
        fields.add("Status", session.status)
        fields.add("Panel", session.panel.map { "\($0.user) (uid \($0.uid))" }.joined(separator: ", "))
        fields.add("Scheduled", "\(session.createdAt) by \(session.createdBy)")
        return fields.render() + "\n\nAgenda:\n" + agenda(session.agenda)
    }

    static func agenda(_ items: [ReviewAPI.AgendaItem]) -> String {
        var table = Table(columns: [.init(title: "APPLICATION", alignment: .right), .init(title: "NAME"), .init(title: "CREDIT CODE")])
        for item in items { table.add([String(item.application), item.name, item.creditCode]) }
        return table.render()
    }
}

extension ReviewCommand {
    struct SessionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "session", abstract: "Schedule review sessions, read and close them.", subcommands: [Add.self, List.self, Show.self, Close.self])
    }

    struct PanelCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "panel",
            abstract: "Change a session's panel; it keeps an odd number of at least 5 reviewers.",
            subcommands: [Add.self, Remove.self])
    }

    struct Assignments: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your own assignments: the sessions whose panel you sit on (run as the reviewer).")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(ReviewAPI.assignments, NoParameters()) { reply in
                guard !reply.assignments.isEmpty else { return "no assignments" }
                return reply.assignments.map { assignment in
                    "session \(assignment.session) on \(assignment.heldOn) at \(assignment.venue), chair \(assignment.chair), "
                        + "\(assignment.status), panel of \(assignment.panelSize)\n" + ReviewCommand.agenda(assignment.agenda)
                }.joined(separator: "\n\n")
            }
        }
    }
}

extension ReviewCommand.SessionCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Schedule a session; prints its id.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Day of the meeting.", valueName: "YYYY-MM-DD")) var date: String
        @Option(parsing: .unconditional, help: "Where it meets.") var venue: String
        @Option(parsing: .unconditional, help: "The chair's name.") var chair: String
        @Option(name: .customLong("application"), parsing: .unconditionalSingleValue, help: ArgumentHelp("An application on the agenda (repeatable).", valueName: "id"))
        var applications: [Int64] = []
        @Option(name: .customLong("reviewer"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
            "A panel member, user name or uid (repeatable; an odd number of at least 5).", valueName: "user"))
        var reviewers: [String] = []

        static let fieldOptions: FieldOptions = [
            "heldOn": "--date", "venue": "--venue", "chair": "--chair", "applications": "--application", "panel": "--reviewer",
        ]

        func run() async throws {
            try await respond(ReviewAPI.createSession, ReviewAPI.CreateSession(
                heldOn: date, venue: venue, chair: chair, applications: applications, panel: reviewers),
                json: \.session) { reply in String(reply.session.id) }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List sessions by id.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(ReviewAPI.listSessions, NoParameters()) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "HELD ON"), .init(title: "VENUE"), .init(title: "CHAIR"),
                    .init(title: "STATUS"), .init(title: "PANEL", alignment: .right), .init(title: "APPLICATIONS"),
                ])
                for session in reply.sessions {
                    table.add([
                        String(session.id), session.heldOn, session.venue, session.chair, session.status, String(session.panel.count),
                        session.agenda.map { String($0.application) }.joined(separator: ","),
                    ])
                }
                return table.render(orIfEmpty: "no review sessions")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show a session: its panel and agenda.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            try await respond(ReviewAPI.getSession, ReviewAPI.GetSession(session: session), json: \.session) { reply in
                ReviewCommand.render(reply.session)
            }
        }
    }
}

extension ReviewCommand.PanelCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Add reviewers to a session's panel.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64
        @Argument(help: ArgumentHelp("Reviewers to add, by user name or uid.", valueName: "user")) var reviewers: [String]

        static let fieldOptions: FieldOptions = ["session": "SESSION", "add": "USER"]

        func run() async throws {
            try await respond(ReviewAPI.changePanel, ReviewAPI.ChangePanel(session: session, add: reviewers), json: \.session) { reply in
                "session \(reply.session.id): panel of \(reply.session.panel.count): \(reply.session.panel.map(\.user).joined(separator: ", "))"
            }
        }
    }

    struct Remove: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove reviewers from a session's panel; --replace-with adds others in the same change.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64
        @Argument(help: ArgumentHelp("Reviewers to remove, by user name or uid.", valueName: "user")) var reviewers: [String]
        @Option(name: .customLong("replace-with"), parsing: .upToNextOption, help: ArgumentHelp("Reviewers to add instead.", valueName: "user"))
        var replacements: [String] = []

        static let fieldOptions: FieldOptions = ["session": "SESSION", "remove": "USER", "add": "--replace-with"]

        func run() async throws {
            try await respond(ReviewAPI.changePanel, ReviewAPI.ChangePanel(
                session: session, add: replacements.isEmpty ? nil : replacements, remove: reviewers), json: \.session) { reply in
                "session \(reply.session.id): panel of \(reply.session.panel.count): \(reply.session.panel.map(\.user).joined(separator: ", "))"
            }
        }
    }
}

extension ReviewCommand {
    struct ConflictCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conflict",
            abstract: "Conflicts of interest (回避): declared by reviewers, detected from their ties, dismissed by administrators.",
            subcommands: [Declare.self, List.self, Dismiss.self])

        static func line(_ conflict: ReviewAPI.Conflict) -> String {
            let findings = conflict.declared.map { "declared \($0.type)" + ($0.note.map { ": \($0)" } ?? "") }
                + conflict.detected.map { "detected \($0.type): \($0.detail)" }
            let dismissed = conflict.dismissal.map { "; detected ones dismissed: \($0)" } ?? ""
            return "application \(conflict.application), \(conflict.user): \(conflict.conflicted ? "conflicted" : "not conflicted") ("
                + findings.joined(separator: "; ") + ")" + dismissed
        }
    }

    struct AffiliationCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "affiliation", abstract: "A reviewer's ties to firms and people, which conflicts are detected from.",
            subcommands: [Add.self])
    }
}

extension ReviewCommand.ConflictCommand {
    struct Declare: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Declare your conflict with an application (an administrator names --reviewer).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: "employment, investment, sharedLegalRepresentative, kinship or other.") var type: String
        @Option(parsing: .unconditional, help: "In your words.") var note: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The reviewer, user name or uid (administrators).", valueName: "user")) var reviewer: String?

        static let fieldOptions: FieldOptions = ["application": "APPLICATION", "type": "--type", "note": "--note", "reviewer": "--reviewer"]

        func run() async throws {
            try await respond(ReviewAPI.declareConflict, ReviewAPI.DeclareConflict(
                application: application, type: type, note: note, reviewer: reviewer), json: \.conflict) { reply in
                ReviewCommand.ConflictCommand.line(reply.conflict)
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "A session's conflicts (a reviewer sees their own).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            try await respond(ReviewAPI.listConflicts, ReviewAPI.ListConflicts(session: session)) { reply in
                reply.conflicts.isEmpty ? "no conflicts" : reply.conflicts.map(ReviewCommand.ConflictCommand.line).joined(separator: "\n")
            }
        }
    }

    struct Dismiss: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Dismiss the detected conflicts of a reviewer with an application, with a reason.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: ArgumentHelp("The reviewer, user name or uid.", valueName: "user")) var reviewer: String
        @Option(parsing: .unconditional, help: "Why the detection does not hold.") var reason: String

        static let fieldOptions: FieldOptions = ["application": "APPLICATION", "reviewer": "--reviewer", "reason": "--reason"]

        func run() async throws {
            try await respond(ReviewAPI.dismissConflict, ReviewAPI.DismissConflict(
                application: application, reviewer: reviewer, reason: reason), json: \.conflict) { reply in
                ReviewCommand.ConflictCommand.line(reply.conflict)
            }
        }
    }
}

extension ReviewCommand.AffiliationCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Declare a tie of yours (an administrator names --reviewer); prints all your ties.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "employer, investment, kin, legalRepresentative or other.") var kind: String
        @Option(parsing: .unconditional, help: "The firm or person.") var party: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The tie's last day, when it has ended.", valueName: "YYYY-MM-DD")) var until: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The reviewer, user name or uid (administrators).", valueName: "user")) var reviewer: String?

        static let fieldOptions: FieldOptions = ["kind": "--kind", "party": "--party", "until": "--until", "reviewer": "--reviewer"]

        func run() async throws {
            try await respond(ReviewAPI.declareAffiliation, ReviewAPI.DeclareAffiliation(
                kind: kind, party: party, until: until, reviewer: reviewer)) { reply in
                reply.affiliations.map { "\($0.kind) \($0.party)" + ($0.until.map { " until \($0)" } ?? "") }.joined(separator: "\n")
            }
        }
    }
}
