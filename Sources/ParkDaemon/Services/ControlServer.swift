import CSystemd
import Foundation
import Logging
import NIOCore
import NIOPosix
import ParkControl
import ServiceLifecycle
import Synchronization

/// The admin channel: Varlink on a Unix stream socket. Each connection is served on its own
/// event loop by a `ControlConnectionHandler`, which answers its calls in order.
///
/// On graceful shutdown it stops accepting, closes idle connections, lets busy ones finish
/// their request, and closes whatever is left when the grace period ends.
final class ControlServer: Service {
    private let socket: ControlSocket
    private let dispatcher: Dispatcher
    private let state: DaemonState
    private let logger: Logger
    private let onListening: @Sendable () -> Void
    private let onShutdown: @Sendable () -> Void
    private let registry = ConnectionRegistry()
    /// The listening socket once `listen()` made it, not yet accepting.
    private let listening = Mutex<(any Channel)?>(nil)

    init(
        socket: ControlSocket, dispatcher: Dispatcher, state: DaemonState, logger: Logger,
        onListening: @escaping @Sendable () -> Void, onShutdown: @escaping @Sendable () -> Void
    ) {
        self.socket = socket
        self.dispatcher = dispatcher
        self.state = state
        self.logger = logger
        self.onListening = onListening
        self.onShutdown = onShutdown
    }

    /// Makes the listening socket, or takes the inherited one, without accepting yet: called
    /// before the services start, so that a socket parkd cannot listen on stops it at once.
    func listen() async throws {
        let server = try await makeListeningSocket()
        listening.withLock { $0 = server }
    }

    func run() async throws {
        if listening.withLock({ $0 }) == nil { try await listen() }
        guard let server = listening.withLock({ $0 }) else { return }
        // Connections waited in the socket's backlog until now.
        try await server.setOption(ChannelOptions.autoRead, value: true).get()
        onListening()
        let grace = TimeAmount.seconds(Int64(state.config.shutdownGraceSeconds))
        let registry = self.registry
        let onShutdown = self.onShutdown
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await server.closeFuture.get()
            } onCancel: {
                server.close(promise: nil)
                registry.drain()
                registry.closeAll()
            }
        } onGracefulShutdown: {
            onShutdown()
            server.close(promise: nil)
            registry.drain()
            let logger = self.logger
            server.eventLoop.scheduleTask(in: grace) {
                let closed = registry.closeAll()
                guard closed > 0 else { return }
                // A client that stopped reading: replies to calls carried out may be unread.
                logger.warning(
                    "the shutdown grace period ended with \(closed) connection\(closed == 1 ? "" : "s") still open: replies their clients had not read are lost with them, the changes they answer are made (the audit trail lists them)",
                    metadata: ["grace_seconds": "\(grace.nanoseconds / 1_000_000_000)"])
            }
        }
        await registry.allServed()
        if case .path(let path, _, _) = socket {
            unlink(path)
        }
    }

    private func makeListeningSocket() async throws -> any Channel {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            // Connections not accepted yet (past `socket.max_connections`, or a burst): as many
            // as the kernel queues (net.core.somaxconn caps it; 4096 by default since Linux 5.4).
            .serverChannelOption(ChannelOptions.backlog, value: 4096)
            .serverChannelOption(ChannelOptions.autoRead, value: false)
            .serverChannelInitializer { [state, logger] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptGate(limit: { state.config.socketMaxConnections }, logger: logger))
                }
            }
            .childChannelInitializer { [dispatcher, state, registry, logger] channel in
                guard let options = channel as? any SocketOptionProvider else {
                    return channel.eventLoop.makeFailedFuture(ControlSocketError(description: "connection has no socket options"))
                }
                let credentials: EventLoopFuture<park_ucred> = options.unsafeGetSocketOption(
                    level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
                return credentials.and(PeerGroups.read(from: options)).flatMapThrowing { credentials, groups in
                    let caller = Caller.identify(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid, peerGroups: groups)
                    let config = state.config
                    let role = state.access.role(of: caller)
                    let privileged = role == .admin
                    if let refusal = state.budgets.admit(
                        uid: caller.uid, privileged: privileged, maxConnections: config.socketMaxConnections, limits: config.limits) {
                        try ControlServer.refuse(channel, caller: caller, refusal)
                        return
                    }
                    guard registry.add(channel) else {
                        state.budgets.release(uid: caller.uid, privileged: privileged)
                        throw ControlSocketError(description: "connection accepted while shutting down")
                    }
                    state.connectionOpened()
                    let handler = ControlConnectionHandler(
                        dispatcher: dispatcher, caller: caller, role: role, channel: channel, registry: registry, logger: logger,
                        onServed: {
                            state.connectionClosed()
                            state.budgets.release(uid: caller.uid, privileged: privileged)
                            registry.remove(channel)
                        })
                    do {
                        // Replies past the buffer's high mark make the channel unwritable: the
                        // handler then stops reading this connection's calls until they drain.
                        try channel.syncOptions?.setOption(
                            ChannelOptions.writeBufferWaterMark,
                            value: .init(low: config.limits.replyBufferBytes / 2, high: config.limits.replyBufferBytes))
                        try channel.pipeline.syncOperations.addHandlers(
                            UnfinishedMessageTimeout(seconds: config.socketMessageTimeoutSeconds, caller: caller, logger: logger),
                            ByteToMessageHandler(VarlinkFrameDecoder()), handler)
                    } catch {
                        state.connectionClosed()
                        state.budgets.release(uid: caller.uid, privileged: privileged)
                        registry.remove(channel)
                        throw error
                    }
                }
            }
        switch socket {
        case .inherited(let fd, _):
            return try await bootstrap.withBoundSocket(fd).get()
        case .path(let path, let mode, let group):
            try ControlServer.removeStaleSocket(path)
            let server: any Channel
            do {
                server = try await bootstrap.bind(unixDomainSocketPath: path).get()
            } catch let error as IOError {
                throw ControlSocketError(description: "cannot listen on \(path): \(String(cString: strerror(error.errnoCode)))")
            }
            do {
                try ControlServer.setPermissions(path, mode: mode, group: group)
            } catch {
                try? await server.close()
                throw error
            }
            return server
        }
    }

    /// Tells a refused connection why, in answer to its first call, and closes it.
    private static func refuse(_ channel: any Channel, caller: Caller, _ refusal: CallerBudgetBook.Refusal) throws {
        let error = switch refusal {
        case .perUser(let limit):
            ServiceAPI.TooManyConnections(
                uid: Int64(caller.uid), limit: limit, reason: "the user holds \(limit) connections, all that limits.connections_per_user allows")
        case .reservedForAdmins(let available):
            ServiceAPI.TooManyConnections(
                uid: Int64(caller.uid), limit: available,
                reason: "the \(available) connections open to callers other than admins are all taken (limits.reserved_for_admins)")
        }
        try channel.pipeline.syncOperations.addHandlers(
            ByteToMessageHandler(VarlinkFrameDecoder()), RefusedConnectionHandler(error.varlinkError))
    }

    /// A socket file left by a dead daemon is removed; one a live daemon answers on is not.
    private static func removeStaleSocket(_ path: String) throws {
        guard try isSocketFile(path) else { return }
        try refuseServed(path)
        unlink(path)
    }

    /// Whether `path` is a socket file: false when nothing is there; anything else is refused.
    private static func isSocketFile(_ path: String) throws -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw ControlSocketError(description: "\(path) exists and is not a socket; refusing to replace it")
        }
        return true
    }

    /// Refuses a socket path another process serves on: checked at start before parkd makes
    /// anything in its state directory, and again as it binds.
    static func refuseServed(_ path: String) throws {
        guard try isSocketFile(path) else { return }
        let probe = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if connected == 0 {
            throw ControlSocketError(
                description: "another process is already serving on \(path): stop it, or give this parkd a socket of its own (--socket, or socket.path)")
        }
    }

    private static func setPermissions(_ path: String, mode: UInt16, group: String?) throws {
        if let group {
            guard let gid = AccessPolicy.groupID(group) else {
                throw ControlSocketError(description: "socket.group '\(group)' does not exist")
            }
            guard chown(path, uid_t(bitPattern: -1), gid) == 0 else {
                throw ControlSocketError(description: "cannot give \(path) to group \(group): \(String(cString: strerror(errno)))")
            }
        }
        guard chmod(path, mode_t(mode)) == 0 else {
            throw ControlSocketError(description: "cannot set mode of \(path): \(String(cString: strerror(errno)))")
        }
    }
}
