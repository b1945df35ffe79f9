import Foundation
import Logging
import ParkControl
import ParkCore
import ParkStore

/// `org.varlink.service` introspection and `io.parkd.Service`.
enum ServiceHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, state: DaemonState, calendar: CalendarRegistry, logger: Logger) {
        table.add(ServiceAPI.interface)
        table.register(ServiceAPI.status) { _, _ in
            try await status(database: database, state: state, calendar: calendar.calendar)
        }
        table.register(ServiceAPI.setLogLevel) { request, call in
            guard let level = Logger.Level(rawValue: request.level) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw DomainError.invalid("level", "'\(request.level)' is not a log level; use one of \(levels)")
            }
            let previous = state.logLevel.current
            // Audited before it takes effect: a change the trail cannot record does not happen.
            try await database.recordOutcome(of: call.change())
            state.logLevel.current = level
            logger.notice("log level changed", metadata: NotableEvent.logLevelChanged.metadata([
                "level": "\(level)", "previous": "\(previous)", "uid": "\(call.caller.uid)",
            ]))
            return ServiceAPI.SetLogLevelReply(previous: previous.rawValue, level: level.rawValue)
        }
    }

    /// Registers introspection last, so that GetInfo lists every interface added before.
    static func registerIntrospection(in table: inout MethodTable) {
        table.add(VarlinkServiceAPI.interface)
        let interfaces = table.interfaces
        let names = interfaces.map(\.name).sorted()
        table.register(VarlinkServiceAPI.getInfo) { _, _ in
            VarlinkServiceAPI.GetInfoReply(
                vendor: "parkd", product: "parkd — operations daemon for HR service industrial parks",
                version: ParkVersion.current, url: "man:parkctl(1)", interfaces: names)
        }
        table.register(VarlinkServiceAPI.getInterfaceDescription) { request, _ in
            guard let interface = interfaces.first(where: { $0.name == request.interface }) else {
                throw VarlinkError.interfaceNotFound(request.interface)
            }
            return VarlinkServiceAPI.GetInterfaceDescriptionReply(description: interface.definition)
        }
    }

    static func status(database: ParkDatabase, state: DaemonState, calendar: WorkingDayCalendar) async throws -> ServiceAPI.StatusReply {
        let coverage = CalendarCoverage(calendar, today: state.today())
        let counts = try await database.tenantCounts()
        let config = state.config
        let heldBack = state.budgets.totals
        return ServiceAPI.StatusReply(
            version: ParkVersion.current, startedAt: Instant.rfc3339(millisecondsSinceEpoch: Int64(state.startedAt.timeIntervalSince1970 * 1000)),
            uptimeSeconds: Int(state.now().timeIntervalSince(state.startedAt)), stateDirectory: config.stateDirectory,
            databaseBytes: database.sizeInBytes, socket: state.socketDescription, configSource: state.source.description,
            logLevel: state.logLevel.current.rawValue, connections: state.connections,
            tenants: counts.values.reduce(0, +),
            tenantsByStatus: TenantStatus.allCases.map { ServiceAPI.StatusCount(status: $0.rawValue, count: counts[$0] ?? 0) },
            auditEntries: try await database.auditEntryCount(), lastReloadError: state.lastReloadError,
            repriceApproved: config.repriceApproved,
            heldBack: ServiceAPI.HeldBack(
                connectionsRefused: heldBack.connectionsRefused, callsDelayed: heldBack.callsDelayed,
                refusedCallsNotAudited: heldBack.refusedCallsNotAudited, uidsOverBudget: heldBack.uidsOverBudget.map(Int64.init)),
            receiptKey: state.receiptKey?.base64, receiptKeyId: state.receiptKey?.keyId,
            integrity: state.integrity.map(wire),
            workingDays: ServiceAPI.WorkingDays(
                years: CalendarRegistry.describe(calendar.years), through: coverage.through?.description, warning: coverage.warning))
    }

    static func wire(_ integrity: DatabaseIntegrity) -> ServiceAPI.Integrity {
        let started = Instant.rfc3339(millisecondsSinceEpoch: Int64(integrity.startedAt.timeIntervalSince1970 * 1000))
        return switch integrity.outcome {
        case nil: ServiceAPI.Integrity(state: "checking", startedAt: started, seconds: nil, problems: [])
        case .sound(let seconds): ServiceAPI.Integrity(state: "sound", startedAt: started, seconds: seconds, problems: [])
        case .damaged(let seconds, let problems): ServiceAPI.Integrity(state: "damaged", startedAt: started, seconds: seconds, problems: problems)
        }
    }
}
