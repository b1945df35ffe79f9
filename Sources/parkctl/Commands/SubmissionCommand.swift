import ArgumentParser
import ParkControl

/// `submit FILE`: a tenant's paper submission entered by staff.
struct Submit: ParkctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enter a tenant's paper submission (admin): the envelope's JSON, through the same pipeline as the spool.",
        discussion: """
            FILE holds the envelope: {"submissionId", "tenant", "type", "createdAt", "payload"} (no keyId needed: \
            your login vouches for it, and the audit trail records you). The receipt, signed with the park's key, \
            is written to the tenant's outbox as for a file from the spool. parkctl exits 0 when the submission             is accepted, and 65 when it is rejected or refused (its receipt says why; nothing changed).
            """)

    @ParentCommand var parkctl: Parkctl
    @Argument(help: "The envelope's JSON file.") var file: String

    static let fieldOptions: FieldOptions = ["envelope": "FILE"]

    func run() async throws {
        let envelope = try await reporting { try InputFile.read(file) }
        let reply = try await respond(SubmissionAPI.submit, SubmissionAPI.Submit(envelope: envelope)) { reply in
            "\(reply.status)\(reply.replayed ? " (taken before: the first receipt, nothing changed)" : "")\nreceipt: \(reply.receipt)"
        }
        // A script tells a submission that changed nothing from one that was taken.
        if reply.status != "accepted" { throw ExitCode(65) }
    }
}

/// `submission list|show|stats`: what the intake took.
struct SubmissionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submission",
        abstract: "Tenants' submissions taken from the spool or entered by staff: list, show, retry, requeue, stats.",
        subcommands: [List.self, Show.self, Retry.self, Requeue.self, Stats.self])
}

extension SubmissionCommand {
    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List recorded submissions, newest first.")

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: "Tenant id or credit code.") var tenant: String?
        @Option(parsing: .unconditional, help: "monthly-report, report-correction, objection, event-registration, event-cancellation or application.") var type: String?
        @Option(parsing: .unconditional, help: "accepted or rejected.") var status: String?
        @Option(parsing: .unconditional, help: "The day it was decided (YYYY-MM-DD, a day of the park's time zone).") var day: String?
        @Option(parsing: .unconditional, help: "At most this many (1 to 1000, default 100).") var limit: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only those older than this id: the next page, as the more line gives it.", valueName: "id"))
        var before: Int64?

        static let fieldOptions: FieldOptions = [
            "tenant": "--tenant", "type": "--type", "status": "--status", "day": "--day", "limit": "--limit", "before": "--before",
        ]

        /// The command for the page after the one shown, with the same filters.
        func nextPage(before cursor: Int64) -> String {
            var words = ["parkctl", "submission", "list"]
            for (option, value) in [("--tenant", tenant), ("--type", type), ("--status", status), ("--day", day), ("--limit", limit.map(String.init))] {
                if let value { words += [option, value] }
            }
            return (words + ["--before", String(cursor)]).joined(separator: " ")
        }

        func run() async throws {
            let request = SubmissionAPI.List(tenant: tenant, type: type, status: status, day: day, limit: limit, before: before)
            try await respond(SubmissionAPI.list, request, json: \.submissions) { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "CREDIT CODE"), .init(title: "SUBMISSION"), .init(title: "TYPE"),
                    .init(title: "CHANNEL"), .init(title: "STATUS"), .init(title: "DECIDED"),
                ])
                for item in reply.submissions {
                    table.add([String(item.id), item.creditCode, item.submissionId, item.type, item.channel, item.status, item.decidedAt])
                }
                return table.render(orIfEmpty: "no submissions") + (reply.next.map { "\nmore: " + nextPage(before: $0) } ?? "")
            }
        }
    }

    struct Show: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show a submission and its receipt, by id or by tenant and submission id.")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The row id (ID in `submission list`), or the tenant's id or credit code.") var reference: String
        @Argument(help: "The submission id, after a tenant.") var submissionId: String?

        static let fieldOptions: FieldOptions = ["id": "REFERENCE", "tenant": "REFERENCE", "submissionId": "SUBMISSION-ID"]

        func run() async throws {
            let request = submissionId == nil
                ? SubmissionAPI.Get(id: Int64(reference), tenant: nil, submissionId: nil)
                : SubmissionAPI.Get(id: nil, tenant: reference, submissionId: submissionId)
            try await respond(SubmissionAPI.get, request) { reply in
                let item = reply.submission
                return """
                    submission \(item.id): \(item.submissionId) of \(item.creditCode) (tenant \(item.tenant))
                    type:     \(item.type)
                    channel:  \(item.channel), recorded by \(item.recordedBy)
                    status:   \(item.status), \(item.decidedAt)
                    envelope: SHA-256 \(item.envelopeSha256)
                    receipt:  \(reply.receipt)
                    """
            }
        }
    }

    struct Retry: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a recorded submission's receipt to the tenant's outbox again, from the database (admin).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The row id (ID in `submission list`).") var id: Int64

        static let fieldOptions: FieldOptions = ["id": "ID"]

        func run() async throws {
            try await respond(SubmissionAPI.retry, SubmissionAPI.Retry(id: id)) { reply in "receipt written to \(reply.receiptFile)" }
        }
    }

    struct Requeue: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a file set aside in quarantine/ back in incoming/new to be taken again (admin).")

        @ParentCommand var parkctl: Parkctl
        @Argument(help: "The file's name in quarantine/.") var file: String

        static let fieldOptions: FieldOptions = ["file": "FILE"]

        func run() async throws {
            try await respond(SubmissionAPI.requeue, SubmissionAPI.Requeue(file: file)) { reply in "requeued as \(reply.path)" }
        }
    }

    struct Stats: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "The intake's counters: files received and set aside since parkd started; submissions accepted and rejected in all.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(SubmissionAPI.stats, NoParameters()) { reply in
                """
                received since start:     \(reply.received)
                accepted, all time:       \(reply.accepted)
                rejected, all time:       \(reply.rejected)
                quarantined since start:  \(reply.quarantined)
                queue overflows:          \(reply.overflows)
                scans of incoming/new:    \(reply.rescans)
                waiting:                  \(reply.waiting)\(reply.oldestWaiting.map { ", the oldest since \($0)" } ?? "")
                """
            }
        }
    }
}
