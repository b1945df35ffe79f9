import ArgumentParser
import Foundation
import ParkControl

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and verify the hash-chained record of every change.",
        subcommands: [List.self, Verify.self])
}

extension AuditCommand {
    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List audit entries, newest first.")

        @ParentCommand var parkctl: Parkctl
        @Option(help: "At most this many entries (1 to 10000).") var limit: Int = 50
        @Option(help: ArgumentHelp("Only entries from this day (park time) or RFC 3339 instant on.", valueName: "date"))
        var since: String?
        @Option(help: ArgumentHelp("Only calls of this method, e.g. Tenant.Create.", valueName: "method")) var method: String?

        static let fieldOptions: FieldOptions = ["limit": "--limit", "since": "--since", "method": "--method"]

        func run() async throws {
            try await respondPaged(AuditAPI.list, AuditAPI.List(limit: limit, since: since, method: method)) { asked, page in
                // A page cut short by its size: the rest of the limit from where it ended.
                guard let next = page.next, let limit = asked.limit, page.entries.count < limit else { return nil }
                return AuditAPI.List(limit: limit - page.entries.count, since: asked.since, method: asked.method, before: next)
            } merge: { reply, page in
                reply.entries += page.entries
                reply.next = page.next
            } text: { reply in
                var table = Table(columns: [
                    .init(title: "ID", alignment: .right), .init(title: "AT"), .init(title: "USER"),
                    .init(title: "UID", alignment: .right), .init(title: "PID", alignment: .right),
                    .init(title: "METHOD"), .init(title: "OUTCOME"),
                ])
                for entry in reply.entries {
                    table.add([
                        String(entry.id), entry.at, entry.user, String(entry.uid), String(entry.pid),
                        entry.method.replacingOccurrences(of: "io.parkd.", with: ""), entry.outcome,
                    ])
                }
                return table.render()
            }
        }
    }

    struct Verify: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; exit 1 if any entry was edited, deleted or reordered.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            let result = try await respond(AuditAPI.verify, NoParameters()) { result in
                result.intact
                    ? "audit trail intact: \(result.entries) entries, head hash \(result.headHash ?? "(none)")"
                    : "audit trail BROKEN at entry \(result.firstBadEntry ?? 0): \(result.problem ?? "unknown problem")"
            }
            if !result.intact { throw ExitCode.failure }
        }
    }
}
