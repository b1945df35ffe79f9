import ArgumentParser
import ParkControl

extension ReviewCommand {
    struct AppealCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "appeal",
            abstract: "Appeals against final rejections: filed within the configured working days, accepted or refused with a reason.",
            subcommands: [Add.self, Decide.self, List.self])

        static func line(_ appeal: ReviewAPI.Appeal) -> String {
            var text = "appeal \(appeal.id): application \(appeal.application) against decision \(appeal.decision) (session \(appeal.session)), "
                + "\(appeal.ground), filed \(appeal.filedOn) (deadline \(appeal.deadline)): \(appeal.text)"
            if let outcome = appeal.outcome {
                text += "; \(outcome) by \(appeal.decidedBy ?? "-"): \(appeal.reason ?? "")"
            } else {
                text += "; undecided"
            }
            return text.continuationLinesIndented(by: 2)
        }
    }
}

extension ReviewCommand.AppealCommand {
    struct Add: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "File an appeal against an application's final rejection.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Application id.") var application: Int64
        @Option(parsing: .unconditional, help: "procedural-error, undisclosed-conflict or factual-error.") var ground: String
        @Option(parsing: .unconditional, help: "The appeal in the firm's words.") var text: String

        static let fieldOptions: FieldOptions = ["application": "APPLICATION", "ground": "--ground", "text": "--text"]

        func run() async throws {
            try await respond(ReviewAPI.addAppeal, ReviewAPI.AddAppeal(application: application, ground: ground, text: text), json: \.appeal) { reply in
                ReviewCommand.AppealCommand.line(reply.appeal)
            }
        }
    }

    struct Decide: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept an appeal (the firm is reviewed again, by a panel whose majority did not sit on the first) or refuse it, with a reason.",
            // One of the two flags: argument parser would show both as if each were needed.
            usage: "parkctl review appeal decide <appeal> (--accept | --refuse) --reason <reason>")

        enum Outcome: String, EnumerableFlag {
            case accept, refuse

            static func help(for value: Outcome) -> ArgumentHelp? {
                value == .accept ? "Accept the appeal (give this or --refuse)." : "Refuse the appeal (give this or --accept)."
            }
        }

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "Appeal id.") var appeal: Int64
        @Flag(help: "The decision.") var outcome: Outcome
        @Option(parsing: .unconditional, help: "Why.") var reason: String

        static let fieldOptions: FieldOptions = ["appeal": "APPEAL", "outcome": "--accept/--refuse", "reason": "--reason"]

        func run() async throws {
            try await respond(ReviewAPI.decideAppeal, ReviewAPI.DecideAppeal(
                appeal: appeal, outcome: outcome == .accept ? "accepted" : "refused", reason: reason), json: \.appeal) { reply in
                ReviewCommand.AppealCommand.line(reply.appeal)
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Appeals, oldest first.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Only this application's.", valueName: "id")) var application: Int64?

        static let fieldOptions: FieldOptions = ["application": "--application"]

        func run() async throws {
            try await respond(ReviewAPI.listAppeals, ReviewAPI.ListAppeals(application: application)) { reply in
                reply.appeals.isEmpty ? "no appeals" : reply.appeals.map(ReviewCommand.AppealCommand.line).joined(separator: "\n")
            }
        }
    }
}
