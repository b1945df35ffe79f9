import ArgumentParser
import ParkControl

extension ReviewCommand {
    struct Score: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit or amend your own sheet for an application (run as the reviewer); sealed until the session closes.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(name: .customLong("criterion"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
            "A criterion's score, 0 to its weight in steps of 0.5 (repeat for every criterion).", valueName: "name=score"))
        var criteria: [String] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("A single-veto item: rejects the applicant whatever its score.", valueName: "item")) var veto: String?
        @Option(parsing: .unconditional, help: "Why the veto.") var reason: String?

        static let fieldOptions: FieldOptions = [
            "application": "APPLICATION", "criterion": "--criterion", "scores": "--criterion", "veto": "--veto", "reason": "--reason",
        ]

        func run() async throws {
            let scores = criteria.map { text in
                let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return ReviewAPI.CriterionScore(criterion: String(parts[0]), score: parts.count == 2 ? String(parts[1]) : "")
            }
            try await respond(ReviewAPI.score, ReviewAPI.Score(application: application, scores: scores, veto: veto, reason: reason),
                              json: \.sheet) { reply in
                let sheet = reply.sheet
                let veto = sheet.veto.map { "; veto \($0.item): \($0.reason)" } ?? ""
                return "application \(sheet.application), \(sheet.user): sheet version \(sheet.version) recorded for session \(sheet.session), "
                    + "sealed until it closes\n  " + sheet.scores.map { "\($0.criterion) \($0.score)" }.joined(separator: ", ")
                    + "; total \(sheet.total)\(veto)"
            }
        }
    }

    struct DissentCommand: ParkctlCommand {
        static let configuration = CommandConfiguration(
            commandName: "dissent", abstract: "Write or amend your own dissent about an application, shown with the result (run as the reviewer).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: "The dissent.") var text: String

        static let fieldOptions: FieldOptions = ["application": "APPLICATION", "text": "--text"]

        func run() async throws {
            try await respond(ReviewAPI.dissent, ReviewAPI.Dissent(application: application, text: text)) { reply in
                "application \(application): dissent version \(reply.version) recorded for session \(reply.session), sealed until it closes"
            }
        }
    }

    struct Submissions: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Who has submitted a sheet for each applicant of a session (never what).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            try await respond(ReviewAPI.submissions, ReviewAPI.Submissions(session: session)) { reply in
                (["session \(session), \(reply.status)"] + reply.applicants.map { applicant in
                    let eligible = applicant.members.filter { $0.state != "conflicted" }
                    let submitted = eligible.filter { $0.state == "submitted" }
                    func names(_ state: String) -> String {
                        let users = applicant.members.filter { $0.state == state }.map(\.user)
                        return users.isEmpty ? "-" : users.joined(separator: ", ")
                    }
                    return "application \(applicant.application) \(applicant.name): \(submitted.count) of \(eligible.count) submitted\n"
                        + "  submitted:  \(names("submitted"))\n  not yet:    \(names("notSubmitted"))\n  conflicted: \(names("conflicted"))"
                }).joined(separator: "\n")
            }
        }
    }

    struct Result: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "A closed session's results, as the chair reads them out; dissents shown.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            try await respond(ReviewAPI.result, ReviewAPI.Result(session: session), json: \.results) { reply in
                ReviewCommand.render(reply.results)
            }
        }
    }

    struct Verify: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute a closed session's results from its stored sheets and check them against the audit trail; exit 1 unless all agree.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            let reply = try await respond(ReviewAPI.verify, ReviewAPI.Verify(session: session)) { reply in
                ([reply.agrees
                    ? "session \(session) verified: every result recomputed from the stored sheets agrees; "
                        + "\(reply.checked) sheet and dissent versions match their commitments in the audit trail"
                    : "session \(session) does NOT agree"] + reply.differences.map { "  " + $0 }).joined(separator: "\n")
            }
            if !reply.agrees { throw ExitCode.failure }
        }
    }

    /// The results as a chair reads them out: one line an applicant, then the totals that
    /// counted, the vetoes and the dissents.
    static func render(_ results: ReviewAPI.Results) -> String {
        var lines = [
            "session \(results.session) on \(results.heldOn) at \(results.venue), chair \(results.chair), closed \(results.closedAt)",
            "pass at \(results.threshold); the trimmed mean of the totals (\(results.trimmedFrom) sheets or more: the highest and the lowest dropped)",
        ]
        var table = Table(columns: [
            .init(title: "APPLICATION", alignment: .right), .init(title: "NAME"), .init(title: "CREDIT CODE"),
            .init(title: "SHEETS", alignment: .right), .init(title: "SCORE", alignment: .right), .init(title: "RESULT"),
        ])
        for applicant in results.applicants {
            table.add([
                String(applicant.application), applicant.name, applicant.creditCode, "\(applicant.sheets.count) of \(applicant.eligible)",
                applicant.score ?? "-", applicant.outcome,
            ])
        }
        lines.append(table.render())
        for applicant in results.applicants where !applicant.sheets.isEmpty || !applicant.dissents.isEmpty {
            var dropped = applicant.dropped
            let totals = applicant.sheets.map { sheet in
                if let index = dropped.firstIndex(of: sheet.user) {
                    dropped.remove(at: index)
                    return "\(sheet.user) \(sheet.total) (dropped)"
                }
                return "\(sheet.user) \(sheet.total)"
            }
            lines.append("application \(applicant.application): totals " + totals.joined(separator: ", "))
            for sheet in applicant.sheets {
                if let veto = sheet.veto { lines.append("  veto by \(sheet.user) on \(veto.item): \(veto.reason)") }
            }
            for dissent in applicant.dissents { lines.append("  dissent by \(dissent.user): \(dissent.text)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension ReviewCommand.SessionCommand {
    struct Close: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a session: needs a quorum for every applicant; computes the results and makes every sheet final.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            try await respond(ReviewAPI.closeSession, ReviewAPI.CloseSession(session: session), json: \.results) { reply in
                ReviewCommand.render(reply.results)
            }
        }
    }
}
