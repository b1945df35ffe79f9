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
        @Option(parsing: .unconditional, help: "At most this many entries (1 to 10000).") var limit: Int = 50
        @Option(parsing: .unconditional, help: ArgumentHelp("Only entries from this day (park time) or RFC 3339 instant on.", valueName: "date"))
        var since: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only calls of this method, e.g. Tenant.Create.", valueName: "method")) var method: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Only entries older than this id: the next page, as the more line gives it.", valueName: "id"))
        var before: Int64?

        static let fieldOptions: FieldOptions = ["limit": "--limit", "since": "--since", "method": "--method", "before": "--before"]

        /// The command for the page after the one shown, with the same filters.
        func nextPage(before cursor: Int64) -> String {
            var words = ["parkctl", "audit", "list"]
            if let since { words += ["--since", since] }
            if let method { words += ["--method", method] }
            if limit != 50 { words += ["--limit", String(limit)] }
            return (words + ["--before", String(cursor)]).joined(separator: " ")
        }

        func run() async throws {
            try await respondPaged(AuditAPI.list, AuditAPI.List(limit: limit, since: since, method: method, before: before)) { asked, page in
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
                        entry.method.replacingOccurrences(of: "io.parkd.", with: ""),
                        // The digests a money call records, cut to their first 12 digits for the
                        // table (--json gives them whole).
                        entry.outcome.replacing(/\b[0-9a-f]{64}\b/) { "\($0.output.prefix(12))…" },
                    ])
                }
                return table.render(orIfEmpty: "no audit entries") + (reply.next.map { "\nmore: " + nextPage(before: $0) } ?? "")
            }
        }
    }

    struct Verify: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; exit 1 if any entry was edited, deleted or reordered.",
            discussion: """
                With --anchors, also check the trail against heads noted earlier: a file of lines \
                "ID HASH", or parkd's own notes as journalctl prints them \
                ("audit trail head: entry ID hash HASH"); other lines are skipped. \
                A trail cut short or rewritten since then fails.
                """)

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Heads noted earlier, to check the trail against.", valueName: "file")) var anchors: String?

        static let fieldOptions: FieldOptions = ["anchors": "--anchors"]

        func run() async throws {
            let noted = try await reporting {
                try anchors.map { file in
                    let noted = Verify.anchors(in: try InputFile.read(file))
                    // A file that notes no head checks nothing: the wrong file, most likely.
                    guard !noted.isEmpty else {
                        throw CommandFailure(
                            name: "NoAnchors",
                            message: "\(file) notes no head of the trail: give lines \"ID HASH\", or parkd's own notes (\"audit trail head: entry ID hash HASH\")",
                            parameters: ["file": .string(file)], exitCode: CommandFailure.invalidInput)
                    }
                    return noted
                }
            }
            let result = try await respond(AuditAPI.verify, AuditAPI.Verify(anchors: noted)) { result in
                guard result.intact else {
                    return "audit trail BROKEN at entry \(result.firstBadEntry ?? 0): \(result.problem ?? "unknown problem")"
                }
                var line = "audit trail intact: \(result.entries) \(result.entries == 1 ? "entry" : "entries"), head hash \(result.headHash ?? "(none)")"
                if let keyId = result.keyId {
                    line += "\n" + (result.firstSealed.map { "sealed with audit key \(keyId) from entry \($0) on" }
                        ?? "audit key \(keyId) held; no entry sealed yet")
                }
                // Every anchor is said once: of this trail, or of a trail a restore replaced.
                if noted != nil, result.anchorsChecked > 0 || result.anchorsOfReplacedTrails == nil {
                    line += "\n\(result.anchorsChecked) \(result.anchorsChecked == 1 ? "anchor matches" : "anchors match")"
                }
                if let replaced = result.anchorsOfReplacedTrails {
                    line += "\n\(replaced) \(replaced == 1 ? "anchor was" : "anchors were") noted before a restore, and "
                        + "\(replaced == 1 ? "matches" : "match") the database it replaced, kept aside"
                }
                return line
            }
            if !result.intact { throw ExitCode.failure }
        }

        /// The anchors of a file: `ID HASH` lines, or parkd's notes as the journal holds them.
        static func anchors(in text: String) -> [AuditAPI.Anchor] {
            text.split(whereSeparator: \.isNewline).compactMap { line in
                let words = line.split(separator: " ")
                if words.count == 2, let id = Int64(words[0]) { return AuditAPI.Anchor(id: id, hash: String(words[1])) }
                guard let entry = words.firstIndex(of: "entry"), entry + 3 < words.count, words[entry + 2] == "hash",
                      let id = Int64(words[entry + 1]) else { return nil }
                return AuditAPI.Anchor(id: id, hash: String(words[entry + 3]))
            }
        }
    }
}
