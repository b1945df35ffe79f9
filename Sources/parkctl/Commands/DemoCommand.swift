import ArgumentParser
import Foundation
import ParkControl

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A living demo park.",
        subcommands: [Load.self])
}

extension DemoCommand {
    struct Load: ParkctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the demo park (81 firms, leases, incubator, 2018–2021 reports, the events of 2021) into an empty parkd.",
            discussion: """
                The files (tenants.csv, units.csv, leases.csv, incubator.csv, reports.csv, events.csv) come from --from, \
                else ./Config/demo, else the installed share/parkd/demo. Their reports add up to the model \
                park's published figures. parkd loads them in one transaction: all of it, or nothing (a refused \
                row, or Ctrl-C, leaves the park as it was). A park that already holds tenants or units is left alone.
                """)

        @ParentCommand var parkctl: Parkctl
        @Option(parsing: .unconditional, help: ArgumentHelp("Directory of the demo files.", valueName: "dir")) var from: String?

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await reporting {
                let directory = try Load.directory(from)
                let files = try ["units.csv", "tenants.csv", "leases.csv", "incubator.csv", "reports.csv"].map { try Load.read($0, in: directory) }
                // A demo directory of an earlier release has no events.
                let events = FileManager.default.fileExists(atPath: directory + "/events.csv") ? try Load.read("events.csv", in: directory) : nil
                let loaded = try await global.withConnection { connection in
                    let reports = try await connection.call(ReportAPI.beginImport, NoParameters())
                    for part in ReportCommand.Import.parts(of: files[4]) {
                        _ = try await connection.call(ReportAPI.addToImport, ReportAPI.AddToImport(import: reports.import, text: part))
                    }
                    return try await connection.call(DemoAPI.load, DemoAPI.Load(
                        units: files[0], tenants: files[1], leases: files[2], incubator: files[3], reportsImport: reports.import, events: events))
                }
                try present(loaded) {
                    "demo park loaded from \(directory): \(loaded.tenants) tenants, \(loaded.events) events; try: parkctl stats --year 2021, parkctl stats --since-opening --to 2021-12-31"
                }
            }
        }

        static func directory(_ given: String?) throws -> String {
            let candidates = given.map { [$0] } ?? ["Config/demo", "/usr/local/share/parkd/demo", "/usr/share/parkd/demo"]
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/tenants.csv") }) else {
                throw CommandFailure(
                    name: "NoDemoFiles", message: "no demo files in \(candidates.joined(separator: ", ")); give --from DIR",
                    parameters: ["directories": .array(candidates.map(JSONValue.string))], exitCode: CommandFailure.notFound)
            }
            return found
        }

        /// A demo file, read as any file parkctl is given (a file saved as GBK is said to be one).
        static func read(_ name: String, in directory: String) throws -> String {
            try InputFile.read(directory + "/" + name)
        }
    }
}
