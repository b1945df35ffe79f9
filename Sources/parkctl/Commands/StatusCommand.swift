import ArgumentParser
import ParkControl

extension Parkctl {
    struct Status: ParkctlCommand {
        static let configuration = CommandConfiguration(abstract: "Show what parkd is doing and what it holds.")

        @ParentCommand var parkctl: Parkctl

        static let fieldOptions: FieldOptions = [:]

        func run() async throws {
            try await respond(ServiceAPI.status, NoParameters()) { status in
                var fields = Fields()
                fields.add("Version", status.version)
                fields.add("Started", "\(status.startedAt) (up \(Status.duration(status.uptimeSeconds)))")
                fields.add("State directory", status.stateDirectory)
                fields.add("Database size", Status.bytes(status.databaseBytes))
                fields.add("Socket", status.socket)
                fields.add("Configuration", status.configSource)
                fields.add("Log level", status.logLevel)
                fields.add("Connections", String(status.connections))
                let nonZero = status.tenantsByStatus.filter { $0.count > 0 }.map { "\($0.count) \($0.status)" }
                fields.add("Tenants", "\(status.tenants)" + (nonZero.isEmpty ? "" : " (\(nonZero.joined(separator: ", ")))"))
                fields.add("Audit entries", String(status.auditEntries))
                if let error = status.lastReloadError { fields.add("Last reload", "rejected: \(error)") }
                return fields.render()
            }
        }

        static func duration(_ seconds: Int) -> String {
            let days = seconds / 86_400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60
            if days > 0 { return "\(days)d \(hours)h" }
            if hours > 0 { return "\(hours)h \(minutes)m" }
            if minutes > 0 { return "\(minutes)m \(seconds % 60)s" }
            return "\(seconds)s"
        }

        static func bytes(_ count: Int) -> String {
            if count >= 1 << 20 { return "\(count / (1 << 20)) MiB" }
            if count >= 1 << 10 { return "\(count / (1 << 10)) KiB" }
            return "\(count) bytes"
        }
    }
}
