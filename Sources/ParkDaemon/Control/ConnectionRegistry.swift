import NIOCore
import Synchronization

/// The open admin connections, so that shutdown can close idle ones at once and busy ones
/// as soon as their request is answered, then wait until all are served.
final class ConnectionRegistry: Sendable {
    /// Sent down every connection's pipeline when shutdown begins: the connection, on its own
    /// event loop, closes at once when no call of its is running, else after that call's reply.
    /// Whether a call runs is known there alone: judged from another thread, a call read just
    /// then could be carried out and its connection closed before it was answered.
    struct Drain {}

    private struct State: ~Copyable {
        var connections: [ObjectIdentifier: any Channel] = [:]
        var draining = false
        /// Waiting for the last connection to be served.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Adds a connection; false when shutdown has begun and it must be closed instead.
    func add(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.draining else { return false }
            state.connections[ObjectIdentifier(channel)] = channel
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

    /// Whether shutdown has begun: a connection closes once its call is answered.
    var isDraining: Bool { state.withLock { $0.draining } }

    /// Begins shutdown: every connection is told (`Drain`), and closes when its call is answered.
    func drain() {
        let all = state.withLock { state in
            state.draining = true
            return Array(state.connections.values)
        }
        for channel in all { channel.pipeline.fireUserInboundEventTriggered(Drain()) }
    }

    /// Closes whatever is still open (the grace period is over); how many were.
    @discardableResult
    func closeAll() -> Int {
        let all = state.withLock { Array($0.connections.values) }
        for channel in all { channel.close(promise: nil) }
        return all.count
    }
}
