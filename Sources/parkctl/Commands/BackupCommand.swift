import ArgumentParser
import Foundation
import ParkControl

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Online copies of the park's database in backups/ of parkd's state directory.",
        subcommands: [Now.self, List.self])
}

extension BackupCommand {
    struct Now: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database now (SQLite's online backup API) and check the copy with PRAGMA integrity_check.",
            discussion: "No copy is removed; the timer action backup keeps as many as it is told.")

        @ParentCommand var parkctl: Parkctl
        static let fieldOptions: FieldOptions = [:]

        /// A file's size for people: `228.0 KiB`, `3.5 MiB` (`--json` gives the bytes).
        static func size(_ bytes: Int64) -> String {
            switch bytes {
            case ..<1024: "\(bytes) bytes"
            case ..<(1024 * 1024): String(format: "%.1f KiB", Double(bytes) / 1024)
            default: String(format: "%.1f MiB", Double(bytes) / (1024 * 1024))
            }
        }

        func run() async throws {
            try await respond(BackupAPI.create, NoParameters()) { reply in
                "\(reply.backup.path): \(Self.size(reply.backup.sizeBytes)), integrity_check \(reply.integrity)"
            }
        }
    }

    struct List: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "List the copies, newest first.")

        @ParentCommand var parkctl: Parkctl
        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(BackupAPI.list, NoParameters()) { reply in
                guard !reply.backups.isEmpty else { return "no copies in \(reply.directory)" }
                var table = Table(columns: [.init(title: "FILE"), .init(title: "CREATED"), .init(title: "SIZE", alignment: .right)])
                for backup in reply.backups { table.add([backup.file, backup.createdAt, Now.size(backup.sizeBytes)]) }
                return table.render() + "\n\n\(reply.backups.count) in \(reply.directory)"
            }
        }
    }
}
