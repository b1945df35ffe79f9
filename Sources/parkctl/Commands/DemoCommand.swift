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
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the demo park (81 firms, leases, incubator, 2018–2021 reports) into an empty parkd.",
            discussion: """
                The files (tenants.csv, units.csv, leases.csv, incubator.csv, reports.csv) come from --from, \\
                else ./Config/demo, else the installed share/parkd/demo. Their reports add up to the model \\
                park's published figures. A park that already holds tenants or units is left alone.
                """)

        @ParentCommand var parkctl: Parkctl
        var global: GlobalOptions { parkctl.global }
        @Option(help: ArgumentHelp("Directory of the demo files.", valueName: "dir")) var from: String?

        func run() async throws {
            try await reporting {
                let directory = try Load.directory(from)
                let status = try await global.call(ServiceAPI.status, NoParameters())
                let units = try await global.call(UnitAPI.list, UnitAPI.List())
                guard status.tenants == 0, units.units.isEmpty else {
                    throw CommandFailure(
                        message: "the park already holds \(status.tenants) tenants and \(units.units.count) units; the demo loads only into an empty park",
                        exitCode: CommandFailure.invalidInput)
                }
                try await global.withConnection { connection in
                    var unitIDs: [Int64] = []
                    for row in try Load.rows("units.csv", in: directory) {
                        let unit = try await connection.call(UnitAPI.create, UnitAPI.Create(
                            building: row["building"]!, floor: row["floor"], number: row["number"]!, area: row["area"]!,
                            kind: row["kind"]!, listRent: row["rent"]!))
                        unitIDs.append(unit.unit.id)
                    }
                    for row in try Load.rows("tenants.csv", in: directory) {
                        let movedIn = row["movedIn"]!
                        let code = row["creditCode"]!
                        _ = try await connection.call(TenantAPI.create, TenantAPI.Create(
                            name: row["name"]!, creditCode: code, businessLines: Load.words(row["businessLines"]),
                            origin: row["origin"], tags: Load.words(row["tags"]), appliedOn: try Load.day(movedIn, minus: 60)))
                        for (status, daysBefore, reason) in [("reviewing", 45, "材料齐全，提交入驻评审会"), ("approved", 15, "入驻评审会通过")] {
                            _ = try await connection.call(TenantAPI.transition, TenantAPI.Transition(
                                tenant: code, to: status, on: try Load.day(movedIn, minus: daysBefore), reason: reason))
                        }
                    }
                    for row in try Load.rows("leases.csv", in: directory) {
                        let units = Load.words(row["units"]).compactMap { Int($0).map { unitIDs[$0 - 1] } }
                        _ = try await connection.call(LeaseAPI.create, LeaseAPI.Create(
                            tenant: row["tenant"]!, units: units, start: row["start"]!, end: row["end"]!, rent: row["rent"]!,
                            deposit: row["deposit"]))
                    }
                    for row in try Load.rows("incubator.csv", in: directory) {
                        _ = try await connection.call(IncubatorAPI.add, IncubatorAPI.Add(
                            name: row["name"]!, founder: row["founder"]!, team: nil, university: row["university"],
                            phdCount: Int(row["phdCount"] ?? "0"), seats: [unitIDs[Int(row["seat"]!)! - 1]], enteredOn: row["enteredOn"]!))
                    }
                    let reports = try String(contentsOfFile: directory + "/reports.csv", encoding: .utf8)
                    _ = try await ReportCommand.Import.upload(reports, reason: nil, on: connection)
                }
                let loaded = try await global.call(ServiceAPI.status, NoParameters())
                print("demo park loaded from \(directory): \(loaded.tenants) tenants; try: parkctl stats --year 2021, parkctl stats --since-opening --to 2021-12-31")
            }
        }

        static func directory(_ given: String?) throws -> String {
            let candidates = given.map { [$0] } ?? ["Config/demo", "/usr/local/share/parkd/demo", "/usr/share/parkd/demo"]
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/tenants.csv") }) else {
                throw CommandFailure(message: "no demo files in \(candidates.joined(separator: ", ")); give --from DIR", exitCode: CommandFailure.notFound)
            }
            return found
        }

        /// The demo's files: a header row, then rows of plain cells (no quoting is used).
        static func rows(_ name: String, in directory: String) throws -> [[String: String]] {
            let text: String
            do {
                text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "cannot read \(directory)/\(name): \(error.localizedDescription)", exitCode: CommandFailure.notFound)
            }
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let header = lines.first else { return [] }
            return lines.dropFirst().map { cells in
                Dictionary(uniqueKeysWithValues: zip(header, cells).map { ($0, $1) }).filter { !$0.value.isEmpty }
            }
        }

        static func words(_ text: String?) -> [String] {
            (text ?? "").split(separator: " ").map(String.init)
        }

        /// `day` minus some days, as YYYY-MM-DD (dates of the review before moving in).
        static func day(_ text: String, minus days: Int) throws -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            guard let date = formatter.date(from: text) else {
                throw CommandFailure(message: "'\(text)' in the demo files is not a date", exitCode: CommandFailure.invalidInput)
            }
            return formatter.string(from: date.addingTimeInterval(-Double(days) * 86_400))
        }
    }
}
