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

        func run() async throws {
            try await respond(BackupAPI.create, NoParameters()) { reply in
                "\(reply.backup.path): \(reply.backup.sizeBytes) bytes, integrity_check \(reply.integrity)"
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
                var table = Table(columns: [.init(title: "FILE"), .init(title: "CREATED"), .init(title: "BYTES", alignment: .right)])
                for backup in reply.backups { table.add([backup.file, backup.createdAt, String(backup.sizeBytes)]) }
                return table.render() + "\n\n\(reply.backups.count) in \(reply.directory)"
            }
        }
    }
}
