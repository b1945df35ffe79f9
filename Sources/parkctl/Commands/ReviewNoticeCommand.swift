import ArgumentParser
import ParkControl

extension ReviewCommand {
    struct NoticeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notice",
            abstract: "The public notice (公示) of a closed session's results: publish it, show or export it, close it.",
            subcommands: [Show.self, Publish.self, Close.self], defaultSubcommand: Show.self)

        static func summary(_ notice: ReviewAPI.Notice) -> String {
            "session \(notice.session): on notice from \(notice.startsOn) to \(notice.endsOn) "
                + "(\(notice.workingDays) working day\(notice.workingDays == 1 ? "" : "s")), "
                + (notice.closedAt.map { "closed \($0) by \(notice.closedBy ?? "-")" } ?? notice.status)
        }
    }

    struct ObjectionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "objection",
            abstract: "Objections to a result on notice: an open one holds that applicant's decision until resolved.",
            subcommands: [Add.self, Resolve.self])

        static func line(_ objection: ReviewAPI.Objection) -> String {
            var text = "objection \(objection.id) to application \(objection.application) (session \(objection.session)) by "
                + "\(objection.objector): \(objection.grounds)"
            if let evidence = objection.evidence { text += "; evidence: \(evidence)" }
            if let resolution = objection.resolution {
                text += "; \(resolution) by \(objection.resolvedBy ?? "-"): \(objection.reason ?? "")"
            } else {
                text += "; open"
            }
            return text.continuationLinesIndented(by: 2)
        }
    }

    struct DecisionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decision",
            abstract: "Final decisions on applications: never edited, only superseded with a reason.",
            subcommands: [List.self, Supersede.self])

        static func line(_ decision: ReviewAPI.Decision) -> String {
            var text = "decision \(decision.id): application \(decision.application) \(decision.verdict) on \(decision.decidedOn) "
                + "(session \(decision.session), \(decision.outcome) at \(decision.score)): \(decision.reasons.joined(separator: "; "))"
            if let earlier = decision.supersedes { text += "; supersedes decision \(earlier)" }
            if let later = decision.supersededBy { text += "; superseded by decision \(later)" }
            return text.continuationLinesIndented(by: 2)
        }
    }
}

extension ReviewCommand.NoticeCommand {
    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a session's notice; --csv for posting (credit code, name, score, result: no reviewer).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64
        @Flag(help: "The posting as CSV (RFC 4180).") var csv = false

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func validate() throws {
            try Self.validateCommandLine()
            try refuseJSON(with: ["--csv": csv])
        }

        func run() async throws {
            try await respond(ReviewAPI.getNotice, ReviewAPI.GetNotice(session: session), terminator: csv ? "\r\n" : "\n", text: text)
        }

        func text(_ reply: ReviewAPI.GetNoticeReply) -> String {
            if csv {
                return CSVTable.text(header: "credit code,name,score,result", rows: reply.entries.map { entry in
                    [entry.creditCode, entry.name, entry.score ?? "", entry.outcome]
                }, byteOrderMark: global.bom)
            }
            var table = Table(columns: [
                .init(title: "APPLICATION", alignment: .right), .init(title: "CREDIT CODE"), .init(title: "NAME"),
                .init(title: "SCORE", alignment: .right), .init(title: "RESULT"),
            ])
            for entry in reply.entries {
                table.add([String(entry.application), entry.creditCode, entry.name, entry.score ?? "-", entry.outcome])
            }
            var text = ReviewCommand.NoticeCommand.summary(reply.notice) + "\n\n" + table.render()
            if !reply.objections.isEmpty {
                text += "\n\nObjections:\n" + reply.objections.map(ReviewCommand.ObjectionCommand.line).joined(separator: "\n")
            }
            return text
        }
    }

    struct Publish: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a closed session's results on notice from today, for working days counted with the calendar.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64
        @Option(parsing: .unconditional, help: "Working days it runs (default: reviews.notice_days of the configuration).") var days: Int?

        static let fieldOptions: FieldOptions = ["session": "SESSION", "days": "--days"]

        func run() async throws {
            try await respond(ReviewAPI.publishNotice, ReviewAPI.PublishNotice(session: session, days: days), json: \.notice) { reply in
                ReviewCommand.NoticeCommand.summary(reply.notice)
            }
        }
    }

    struct Close: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a notice after its last day: each applicant without an open objection gets its final decision.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Session id.") var session: Int64

        static let fieldOptions: FieldOptions = ["session": "SESSION"]

        func run() async throws {
            try await respond(ReviewAPI.closeNotice, ReviewAPI.CloseNotice(session: session)) { reply in
                var lines = [ReviewCommand.NoticeCommand.summary(reply.notice)]
                lines += reply.decided.map(ReviewCommand.DecisionCommand.line)
                lines += reply.held.map { held in
                    "application \(held.application): held by open objection \(held.objections.map(String.init).joined(separator: ", ")); "
                        + "decided when resolved"
                }
                lines += reply.withdrawn.map { "application \($0): result withdrawn by an upheld objection; no decision follows from it" }
                return lines.joined(separator: "\n")
            }
        }
    }
}

extension ReviewCommand.ObjectionCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Record an objection to an applicant's result while its notice runs.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: "Who raises it.") var by: String
        @Option(parsing: .unconditional, help: "On what grounds.") var grounds: String
        @Option(parsing: .unconditional, help: "The evidence offered, as text.") var evidence: String?

        static let fieldOptions: FieldOptions = [
            "application": "APPLICATION", "objector": "--by", "grounds": "--grounds", "evidence": "--evidence",
        ]

        func run() async throws {
            try await respond(ReviewAPI.addObjection, ReviewAPI.AddObjection(
                application: application, objector: by, grounds: grounds, evidence: evidence), json: \.objection) { reply in
                ReviewCommand.ObjectionCommand.line(reply.objection)
            }
        }
    }

    struct Resolve: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve an open objection with a reason: upheld, the result does not stand; dismissed, it does. Prints the decisions it releases.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Objection id.") var objection: Int64
        @OptionGroup var resolution: ResolutionOptions
        @Option(parsing: .unconditional, help: "Why.") var reason: String

        static let fieldOptions: FieldOptions = ["objection": "OBJECTION", "resolution": "--uphold/--dismiss", "reason": "--reason"]

        func run() async throws {
            try await respond(ReviewAPI.resolveObjection, ReviewAPI.ResolveObjection(
                objection: objection, resolution: resolution.resolution, reason: reason)) { reply in
                ([ReviewCommand.ObjectionCommand.line(reply.objection)] + reply.decided.map(ReviewCommand.DecisionCommand.line))
                    .joined(separator: "\n")
            }
        }
    }
}

extension ReviewCommand.DecisionCommand {
    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Final decisions, oldest first.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Only this application's.", valueName: "id")) var application: Int64?

        static let fieldOptions: FieldOptions = ["application": "--application"]

        func run() async throws {
            try await respond(ReviewAPI.listDecisions, ReviewAPI.ListDecisions(application: application)) { reply in
                reply.decisions.isEmpty ? "no decisions" : reply.decisions.map(ReviewCommand.DecisionCommand.line).joined(separator: "\n")
            }
        }
    }

    struct Supersede: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a decision superseding the latest one on its application, for a corrected error; the earlier one stays.",
            // One of the two flags: argument parser would show both as if each were needed.
            usage: "parkctl review decision supersede <decision> (--approved | --rejected) --reason <reason>")

        enum Verdict: String, EnumerableFlag {
            case approved, rejected

            static func help(for value: Verdict) -> ArgumentHelp? {
                value == .approved ? "The new verdict is approved (give this or --rejected)." : "The new verdict is rejected (give this or --approved)."
            }
        }

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Decision id.") var decision: Int64
        @Flag(help: "The new verdict.") var verdict: Verdict
        @Option(parsing: .unconditional, help: "The correction's reason.") var reason: String

        static let fieldOptions: FieldOptions = ["decision": "DECISION", "verdict": "--approved/--rejected", "reason": "--reason"]

        func run() async throws {
            try await respond(ReviewAPI.supersedeDecision, ReviewAPI.SupersedeDecision(
                decision: decision, verdict: verdict.rawValue, reason: reason), json: \.decision) { reply in
                ReviewCommand.DecisionCommand.line(reply.decision)
            }
        }
    }
}
