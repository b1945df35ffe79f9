import CSystemd
import Foundation
import Logging
import NIOCore
import NIOPosix
import ParkControl
import ServiceLifecycle
import Synchronization

/// The admin channel: Varlink on a Unix stream socket, one task per connection, requests on a
/// connection answered in order.
///
/// On graceful shutdown it stops accepting, closes idle connections, lets busy ones finish
/// their request, and closes whatever is left when the grace period ends.
final class ControlServer: Service {
    private struct Incoming: Sendable {
        let connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let credentials: park_ucred
    }

    private let socket: ControlSocket
    private let dispatcher: Dispatcher
    private let state: DaemonState
    private let logger: Logger
    private let onListening: @Sendable () -> Void
    private let onShutdown: @Sendable () -> Void
    private let registry = ConnectionRegistry()
    /// Connections accepted but not yet handed to `serve`. NIO traps when an async channel is
    /// released unfinished, and a connection accepted as the listener closes is never handed
    /// over: holding them here lets shutdown finish them instead.
    private let unserved = UnservedConnections()

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

    func run() async throws {
        let server = try await listen()
        onListening()
        let grace = TimeAmount.seconds(Int64(state.config.shutdownGraceSeconds))
        let registry = self.registry
        let onShutdown = self.onShutdown
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await incoming in inbound {
                        group.addTask { await self.serve(incoming) }
                    }
                }
            }
        } onGracefulShutdown: {
            onShutdown()
            server.channel.close(promise: nil)
            registry.drain()
            server.channel.eventLoop.scheduleTask(in: grace) { registry.closeAll() }
        }
        await unserved.finishAll()
        if case .path(let path, _, _) = socket {
            unlink(path)
        }
    }

    private func listen() async throws -> NIOAsyncChannel<Incoming, Never> {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
        let unserved = self.unserved
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Incoming> = { channel in
            guard let options = channel as? any SocketOptionProvider else {
                return channel.eventLoop.makeFailedFuture(ControlSocketError(description: "connection has no socket options"))
            }
            let credentials: EventLoopFuture<park_ucred> = options.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            return credentials.flatMapThrowing { credentials in
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(VarlinkFrameDecoder()))
                let connection = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                unserved.hold(connection)
                return Incoming(connection: connection, credentials: credentials)
            }
        }
        switch socket {
        case .inherited(let fd, _):
            return try await bootstrap.bind(fd, childChannelInitializer: initializer)
        case .path(let path, let mode, let group):
            try ControlServer.removeStaleSocket(path)
            let server = try await bootstrap.bind(unixDomainSocketPath: path, childChannelInitializer: initializer)
            try ControlServer.setPermissions(path, mode: mode, group: group)
            return server
        }
    }

    /// A socket file left by a dead daemon is removed; one a live daemon answers on is not.
    private static func removeStaleSocket(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw ControlSocketError(description: "\(path) exists and is not a socket; refusing to replace it")
        }
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
            throw ControlSocketError(description: "another process is already serving on \(path)")
        }
        unlink(path)
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

    /// Serves a connection on its own event loop, so reading, dispatching and replying need no
    /// thread hop (each hop costs a wake-up, more than the work of a cheap request).
    private func serve(_ incoming: Incoming) async {
        await EventLoopBound(incoming.connection.channel.eventLoop).run { await self.serveOnEventLoop(incoming) }
    }

    private func serveOnEventLoop(_ incoming: Incoming) async {
        let credentials = incoming.credentials
        let caller = Caller.identify(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
        let channel = incoming.connection.channel
        unserved.release(channel)
        guard registry.add(channel) else {
            // Accepted while shutting down: close it through the async channel, which must be
            // finished by executeThenClose before it is released.
            try? await incoming.connection.executeThenClose { _, _ in }
            return
        }
        state.connectionOpened()
        defer {
            state.connectionClosed()
            registry.remove(channel)
        }
        do {
            try await incoming.connection.executeThenClose { inbound, outbound in
                do {
                    for try await message in inbound {
                        registry.startRequest(channel)
                        let outcome = await dispatcher.handle(message.readableBytesView, from: caller)
                        if let reply = outcome.reply {
                            try await outbound.write(ControlServer.frame(reply, allocator: channel.allocator))
                        }
                        if registry.finishRequest(channel) || outcome.closeConnection { break }
                    }
                } catch let error as VarlinkFramingError {
                    let outcome = dispatcher.refuse(error.description, caller: caller)
                    if case .messageTooLarge = error, let reply = outcome.reply {
                        try await outbound.write(ControlServer.frame(reply, allocator: channel.allocator))
                    }
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["pid": "\(caller.pid)", "reason": "\(error)"])
        }
    }

    private static func frame(_ reply: Data, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: reply.count + 1)
        buffer.writeBytes(reply)
        buffer.writeInteger(UInt8(0))
        return buffer
    }
}

/// Runs work isolated to a channel's event loop (the loop is the actor's executor).
private actor EventLoopBound {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        eventLoop.executor.asUnownedSerialExecutor()
    }

    func run(_ body: () async -> Void) async {
        await body()
    }
}

/// Connections accepted but not yet served, held so that none is released unfinished.
private final class UnservedConnections: Sendable {
    private let connections = Mutex<[ObjectIdentifier: NIOAsyncChannel<ByteBuffer, ByteBuffer>]>([:])

    func hold(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        connections.withLock { $0[ObjectIdentifier(connection.channel)] = connection }
    }

    func release(_ channel: any Channel) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Finishes (and so closes) every connection nobody served: those accepted as the listener closed.
    func finishAll() async {
        let left = connections.withLock { connections in
            defer { connections.removeAll() }
            return Array(connections.values)
        }
        for connection in left {
            try? await connection.executeThenClose { _, _ in }
        }
    }
}
