import ParkCore
import ParkStore

/// Registering tenants for events and withdrawing them: what `io.parkd.Event` calls. The
/// submissions intake runs the same store steps (`ParkDatabase.register`, `cancelRegistration`)
/// inside its own transaction, so both go through the same decision (capacity, per-firm limit,
/// waiting list).
struct EventRegistrations: Sendable {
    let database: ParkDatabase
    let state: DaemonState

    /// A place at an occurrence (the only one of a single event when nil) when the places
    /// asked for are free, else the waiting list.
    func register(
        event: Int64, occurrence: CivilDate?, tenant: TenantReference, places: Int, positions: Int, roles: [String], context: ChangeContext
    ) async throws -> StoredRegistration {
        try await database.register(
            event: event, occurrence: occurrence, tenant: tenant, places: places, positions: positions, roles: roles, now: state.epochSeconds, context: context)
    }

    /// Withdraws a registration; its places go to the first waiting registrations that fit.
    func cancel(_ registration: Int64, reason: String?, context: ChangeContext) async throws -> WithdrawnRegistration {
        try await database.cancelRegistration(registration, reason: reason, now: state.epochSeconds, context: context)
    }
}
