import ArgumentParser
import Foundation
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
                if status.repriceApproved {
                    fields.add("Policies", "WARNING: policies.reprice_approved is true: a policy file may change approved money; set it back to false once the amendment is loaded")
                }
                if let heldBack = Status.describe(status.heldBack) { fields.add("Held back", heldBack) }
                if let key = status.receiptKey, let id = status.receiptKeyId { fields.add("Receipt key", "\(key) (id \(id))") }
                if let integrity = status.integrity { fields.add("Integrity", Status.describe(integrity)) }
                fields.add("Working days", Status.describe(status.workingDays))
                return fields.render()
            }
        }

        /// The database's quick_check since start, in a line.
        static func describe(_ integrity: ServiceAPI.Integrity) -> String {
            let took = integrity.seconds.map { String(format: " in %.2f s", $0) } ?? ""
            return switch integrity.state {
            case "sound": "sound (quick_check at \(integrity.startedAt)\(took))"
            case "damaged": "DAMAGED (quick_check at \(integrity.startedAt)\(took)): \(integrity.problems.joined(separator: "; "))"
            default: "checking (quick_check since \(integrity.startedAt))"
            }
        }

        /// The years of the working-day calendar, and how far ahead it counts or, when that is
        /// near or past, the warning.
        static func describe(_ workingDays: ServiceAPI.WorkingDays) -> String {
            let years = workingDays.years.isEmpty ? "none" : workingDays.years
            if let warning = workingDays.warning { return "\(years); WARNING: \(warning)" }
            return years + (workingDays.through.map { " (through \($0))" } ?? "")
        }

        /// What the limits held back since start, when they held back anything.
        static func describe(_ heldBack: ServiceAPI.HeldBack) -> String? {
            let counts = [
                (heldBack.connectionsRefused, "connection refused", "connections refused"),
                (heldBack.callsDelayed, "call delayed", "calls delayed"),
                (heldBack.refusedCallsNotAudited, "refused call left out of the log and the trail", "refused calls left out of the log and the trail"),
            ].filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }
            guard !counts.isEmpty else { return nil }
            let now = heldBack.uidsOverBudget.isEmpty ? "" : "; over a limit now: uid \(heldBack.uidsOverBudget.map(String.init).joined(separator: ", "))"
            return counts.joined(separator: ", ") + now
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
