import NIOCore
import Synchronization

/// The open admin connections, so that shutdown can close idle ones at once and busy ones
/// as soon as their request is answered, then wait until all are served.
final class ConnectionRegistry: Sendable {
    private struct Connection {
        let channel: any Channel
        var busy = false
    }

    private struct State: ~Copyable {
        var connections: [ObjectIdentifier: Connection] = [:]
        var draining = false
        /// Waiting for the last connection to be served.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Adds a connection; false when shutdown has begun and it must be closed instead.
    func add(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.draining else { return false }
            state.connections[ObjectIdentifier(channel)] = Connection(channel: channel)
            return true
        }
    }

    /// Removes a connection that is closed and has no call left running.
    func remove(_ channel: any Channel) {
        let waiters = state.withLock { state in
            state.connections.removeValue(forKey: ObjectIdentifier(channel))
            guard state.connections.isEmpty else { return [CheckedContinuation<Void, Never>]() }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no connection is left (after shutdown began, none can be added).
    func allServed() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                guard !state.connections.isEmpty else { return true }
                state.waiters.append(waiter)
                return false
            }
            if done { waiter.resume() }
        }
    }

    func startRequest(_ channel: any Channel) {
        state.withLock { $0.connections[ObjectIdentifier(channel)]?.busy = true }
    }

    /// Marks the request answered; true when the connection must now close (shutdown).
    func finishRequest(_ channel: any Channel) -> Bool {
        state.withLock { state in
            state.connections[ObjectIdentifier(channel)]?.busy = false
            return state.draining
        }
    }

    /// Begins shutdown: idle connections close now, busy ones after their reply.
    func drain() {
        let idle = state.withLock { state in
            state.draining = true
            return state.connections.values.filter { !$0.busy }.map(\.channel)
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// Closes whatever is still open (the grace period is over).
    func closeAll() {
        let all = state.withLock { $0.connections.values.map(\.channel) }
        for channel in all { channel.close(promise: nil) }
    }
}
